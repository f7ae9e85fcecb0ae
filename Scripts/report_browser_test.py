#!/usr/bin/env python3
"""Opens `nettwin report` of Examples/secure-sqlmi in headless Chromium (Selenium with the Debian chromium-driver),
uses the offline reach form twice, checks the verdicts, the path drawn on the picture and that the page logged no
console error, and saves a screenshot. Run by Scripts/report-browser-test.sh (which installs what it needs).

Expected answers, from Examples/secure-sqlmi/README.md and its NSGs: the managed instance's public endpoint (TCP 3342)
admits 198.51.100.0/28 and 203.0.113.64/27 only, so 203.0.113.10 is blocked by nsg-sqlmi-weu (NSG_DENY_INBOUND) on
the instance subnet; the jump VM reaches the VNet-local endpoint (TCP 1433) over the app-to-sqlmi peering."""
import os, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select

report, screenshot = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1700"):
    options.add_argument(flag)
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
failures = []

def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)

def choose(source_text, destination_text):
    Select(driver.find_element("id", "reach-source")).select_by_visible_text(source_text)
    Select(driver.find_element("id", "reach-destination")).select_by_visible_text(destination_text)
    driver.find_element("id", "reach-go").click()
    time.sleep(0.2)
    return driver.find_element("id", "verdict").text

def svg_titles(selector):
    # Graphviz writes each node's name as the <title> of its <g>; the label text is in <text> elements.
    return [" ".join(t.text for t in element.find_elements("css selector", "text")) for element in driver.find_elements("css selector", selector)]

try:
    driver.get("file://" + os.path.abspath(report))
    for _ in range(50):
        if driver.find_element("tag name", "body").get_attribute("data-ready") == "true":
            break
        time.sleep(0.1)
    check(driver.find_element("tag name", "body").get_attribute("data-ready") == "true", "the page's script ran")
    check(len(driver.find_elements("css selector", "#topology svg g.node")) > 10, "the topology picture is inline SVG with nodes")

    verdict = choose("Internet 203.0.113.10", "SQL MI sqlmi-weu public endpoint, TCP 3342")
    check(verdict.startswith("Unreachable"), f"internet 203.0.113.10 -> sqlmi-weu:3342 is Unreachable ({verdict!r})")
    hops = driver.find_element("id", "hops").text
    check("NSG_DENY_INBOUND" in hops, "the hop list names the blocker NSG_DENY_INBOUND")
    blocked = svg_titles("svg g.blocked")
    check(any("snet-sqlmi 10.1.0.0/24" in text for text in blocked), f"the instance subnet is marked as blocking on the picture ({blocked})")

    verdict = choose("VM vm-jump-weu", "SQL MI sqlmi-weu VNet-local, TCP 1433")
    check(verdict.startswith("Reachable"), f"vm-jump-weu -> sqlmi-weu:1433 is Reachable ({verdict!r})")
    path = svg_titles("svg g.onpath")
    check(any("VM vm-jump-weu" in text for text in path) and any("SQL MI sqlmi-weu" in text for text in path), f"the path marks the VM and the instance ({path})")
    check(not driver.find_elements("css selector", "svg g.blocked"), "the previous blocker is cleared")

    errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    check(not errors, f"no console error ({errors})")
    driver.find_element("id", "reach").location_once_scrolled_into_view
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(screenshot)
    print("screenshot: " + screenshot)
finally:
    driver.quit()
sys.exit(1 if failures else 0)
