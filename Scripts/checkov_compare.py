#!/usr/bin/env python3
"""Compares `nettwin check --format json` with Checkov's ARM results on the same template folders.

Called by Scripts/checkov-compare.sh (which installs Checkov and runs both tools); standard library only.
Writes a Markdown report: the overlapping checks, a per-pair summary, every per-resource disagreement with
the reason found by reading the template (REASONS below), Checkov's parse failures, the checks of each
tool that the other has no counterpart for, and the run times.

Matching. Checkov reports one record per resource and check, with the file and the resource's line
range; NetTwin reports one finding per resource (or per NSG rule) with the file and line of the
resource or rule in the template. A NetTwin finding belongs to the innermost Checkov record of the
paired check whose file and line range contain it; failing that, to a record whose resource name is
the NetTwin resource's name (case-insensitive); failing that, it is a row of its own (Checkov did not
evaluate the resource). A Checkov record and its NetTwin findings agree when the record FAILED and
there is a finding, or it PASSED and there is none.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

# --------------------------------------------------------------------------------------------------
# The overlapping checks.


def _nt_ports(finding: dict[str, Any]) -> set[int]:
    """Ports of an NT-NET-001/002 finding, from its evidence ('tcp 3389: admitted from ...')."""
    ports = set()
    for line in finding.get("evidence") or []:
        m = re.match(r"tcp (\d+):", line)
        if m:
            ports.add(int(m.group(1)))
    if not ports:  # the message: "... opens tcp 22, 3389 to ..."
        m = re.search(r"opens tcp ([\d, ]+) to", finding.get("message", ""))
        if m:
            ports = {int(p) for p in m.group(1).replace(" ", "").split(",") if p}
    return ports


def _nt_type(finding: dict[str, Any]) -> str:
    """The resource type of a finding's subject, from its resource ID or, when the ID was redacted, its message."""
    rid = finding.get("resourceId") or ""
    for marker, kind in (
        ("/Microsoft.Storage/storageAccounts/", "storage"),
        ("/Microsoft.KeyVault/vaults/", "vault"),
        ("/Microsoft.KeyVault/managedHSMs/", "hsm"),
        ("/Microsoft.Sql/servers/", "sqlserver"),
        ("/Microsoft.Sql/managedInstances/", "managedinstance"),
        ("/Microsoft.Network/networkSecurityGroups/", "nsg"),
    ):
        if marker.lower() in rid.lower():
            return kind
    message = finding.get("message", "").lower()
    for prefix, kind in (
        ("storage account", "storage"),
        ("key vault", "vault"),
        ("managed hsm", "hsm"),
        ("sql server", "sqlserver"),
        ("minimal tls version of sql server", "sqlserver"),
        ("managed instance", "managedinstance"),
        ("minimal tls version of managed instance", "managedinstance"),
        ("nsg", "nsg"),
    ):
        if message.startswith(prefix):
            return kind
    return "unknown"


def _nt_subject_name(finding: dict[str, Any]) -> str:
    """The name of the resource a finding is about (the NSG, server, account or vault)."""
    rid = finding.get("resourceId") or ""
    for marker in (
        "/networkSecurityGroups/",
        "/servers/",
        "/storageAccounts/",
        "/vaults/",
        "/managedHSMs/",
        "/managedInstances/",
    ):
        i = rid.lower().find(marker.lower())
        if i >= 0:
            return rid[i + len(marker):].split("/")[0]
    m = re.search(r"'([^']+)'", finding.get("message", ""))
    return m.group(1) if m else rid


@dataclass
class Pair:
    key: str
    checkov_id: str
    checkov_title: str
    checkov_literal: str
    nettwin_id: str
    nettwin_computed: str
    accepts: Callable[[dict[str, Any]], bool]


NSG_LITERAL = (
    "On `Microsoft.Network/networkSecurityGroups` and `.../securityRules`: FAILED when any rule has access `allow` and "
    "direction `inbound` (case-insensitive), protocol `tcp` or `*`, a `destinationPortRange(s)` entry that is {port}, `*` "
    "or a range `a-b` containing it, and a `sourceAddressPrefix(es)` entry that is exactly one of `*`, `0.0.0.0`, "
    "`<nw>/0`, `/0`, `internet`, `any` (case-sensitive: `Internet` and `0.0.0.0/0` do not match). Priority, Deny rules "
    "and where the NSG is associated are not looked at."
)
NSG_COMPUTED = (
    "NSG compiled where it is associated (each subnet and NIC; a NIC whose private IP is not known, `Dynamic` in a "
    "template, stands for its subnet's addresses, and a subnet whose prefix is known only at deployment for whatever "
    "addresses it gets) with that place's `Internet`/`VirtualNetwork` tags; for "
    "TCP {port}, rules walked in priority order over the Internet sources not yet decided: a Deny removes sources, an "
    "Allow reports what it still admits (`*`, `0.0.0.0/0`, `Internet`, any public prefix). One finding per Allow rule."
)

PAIRS: list[Pair] = [
    Pair(
        "rdp", "CKV_AZURE_9", "Ensure that RDP access is restricted from the internet",
        NSG_LITERAL.format(port="`3389`"),
        "NT-NET-001", NSG_COMPUTED.format(port="3389") + " (the rule covers 22 and 3389; only its 3389 findings are paired here)",
        lambda f: f["ruleId"] == "NT-NET-001" and 3389 in _nt_ports(f),
    ),
    Pair(
        "ssh", "CKV_AZURE_10", "Ensure that SSH access is restricted from the internet",
        NSG_LITERAL.format(port="`22`"),
        "NT-NET-001", NSG_COMPUTED.format(port="22") + " (only its 22 findings are paired here)",
        lambda f: f["ruleId"] == "NT-NET-001" and 22 in _nt_ports(f),
    ),
    Pair(
        "sqlfw", "CKV_AZURE_11", "Ensure no SQL Databases allow ingress from 0.0.0.0/0 (ANY IP)",
        "On `Microsoft.Sql/servers`: FAILED when a child in the server's own `resources` array has type "
        "`Microsoft.Sql/servers/firewallRules`/`firewallRules`/`firewallrules`, `startIpAddress` `0.0.0.0` or `0.0.0.0/0` "
        "and `endIpAddress` `255.255.255.255`. Top-level firewall rule resources and `publicNetworkAccess` are not looked at.",
        "NT-SQL-001",
        "Every server-level firewall rule of the model (nested or top-level, after expansion) from 0.0.0.0 to "
        "255.255.255.255, on a server whose `publicNetworkAccess` is not `Disabled`.",
        lambda f: f["ruleId"] == "NT-SQL-001",
    ),
    Pair(
        "sqltls", "CKV_AZURE_52", "Ensure MSSQL is using the latest version of TLS encryption",
        "On `Microsoft.Sql/servers`: PASSED when `properties.minimalTlsVersion` is `1.2` or `1.3`; FAILED otherwise, "
        "absent included.",
        "NT-TLS-001",
        "SQL servers of the model whose `minimalTlsVersion` is below 1.2, `None` or absent (the rule also covers managed "
        "instances, which Checkov has no check for; those findings are not paired).",
        lambda f: f["ruleId"] == "NT-TLS-001" and _nt_type(f) == "sqlserver",
    ),
    Pair(
        "sqlpna", "CKV_AZURE_113", "Ensure that SQL server disables public network access",
        "On `Microsoft.Sql/servers`: PASSED when `properties.publicNetworkAccess` is `Disabled`; FAILED otherwise, "
        "absent included.",
        "NT-SQL-003",
        "`publicNetworkAccess` absent or `Enabled` on a server that has a private endpoint (in the input or a "
        "service-side connection). A server without private endpoints is not reported: a partial overlap by design.",
        lambda f: f["ruleId"] == "NT-SQL-003",
    ),
    Pair(
        "stacl", "CKV_AZURE_35", "Ensure default network access rule for Storage Accounts is set to deny",
        "On `Microsoft.Storage/storageAccounts`: FAILED when the `apiVersion` year is before 2017; PASSED when "
        "`properties.networkAcls.defaultAction` is `Deny`; FAILED otherwise (absent included); UNKNOWN when `networkAcls` "
        "is not an object.",
        "NT-ACL-001",
        "Storage accounts of the model whose `publicNetworkAccess` is not `Disabled` and whose `networkAcls.defaultAction` "
        "is `Allow` or absent.",
        lambda f: f["ruleId"] == "NT-ACL-001" and _nt_type(f) == "storage",
    ),
    Pair(
        "kvacl", "CKV_AZURE_109", "Ensure that key vault allows firewall rules settings",
        "On `Microsoft.KeyVault/vaults`: PASSED when `properties.networkAcls.defaultAction` is `Deny`; FAILED otherwise, "
        "absent included.",
        "NT-ACL-001",
        "Key vaults of the model whose `publicNetworkAccess` is not `Disabled` and whose `networkAcls.defaultAction` is "
        "`Allow` or absent (the rule also covers managed HSMs, which Checkov has no check for; those findings are not paired).",
        lambda f: f["ruleId"] == "NT-ACL-001" and _nt_type(f) == "vault",
    ),
    Pair(
        "http", "CKV_AZURE_160", "Ensure that HTTP (port 80) access is restricted from the internet",
        NSG_LITERAL.format(port="`80`"),
        "NT-NET-003", NSG_COMPUTED.format(port="80") + " (the rule also covers the configuration's knownPorts, none here)",
        lambda f: f["ruleId"] == "NT-NET-003" and 80 in _nt_ports(f),
    ),
    Pair(
        "sttls", "CKV_AZURE_44", "Ensure Storage Account is using the latest version of TLS encryption",
        "On `Microsoft.Storage/storageAccounts`: PASSED when `properties.minimumTlsVersion` is exactly `TLS1_2`; FAILED "
        "otherwise, absent included (a `TLS1_3` would fail).",
        "NT-TLS-002",
        "Storage accounts of the model whose `minimumTlsVersion` is `TLS1_0`, `TLS1_1` or absent (the REST API: absent "
        "means TLS 1.0).",
        lambda f: f["ruleId"] == "NT-TLS-002",
    ),
    Pair(
        "stbypass", "CKV_AZURE_36", "Ensure 'Trusted Microsoft Services' is enabled for Storage Account access",
        "On `Microsoft.Storage/storageAccounts`: FAILED when the `apiVersion` year is before 2017; PASSED when "
        "`networkAcls.defaultAction` is `Allow`, or `bypass` is exactly `AzureServices`; FAILED otherwise: no `networkAcls`, "
        "or a `bypass` list such as `Logging, Metrics, AzureServices`.",
        "NT-ACL-003",
        "Storage accounts with public network access not Disabled, `defaultAction` `Deny`, and a `bypass` list without "
        "`AzureServices` (absent means AzureServices). Without `networkAcls` the default action is Allow, which NT-ACL-001 "
        "reports instead: a partial overlap by design.",
        lambda f: f["ruleId"] == "NT-ACL-003",
    ),
]

# Checkov checks that touch the same settings as a NetTwin rule without testing the same thing:
# listed in the report, not compared resource by resource.
RELATED = [
    ("CKV_AZURE_59", "Ensure that Storage accounts disallow public access",
     "FAILED only when `properties.publicNetworkAccess` is literally `Enabled`",
     "NT-ACL-001 reports the firewall's default action; NT-ACL-002 reports public access left on only where private endpoints exist"),
    ("CKV_AZURE_189", "Ensure that Azure Key Vault disables public network access",
     "PASSED when `publicNetworkAccess` is `disabled` (any case) or `networkAcls.ipRules` is non-empty",
     "NT-ACL-001 reports a vault only when public access is on and the default action is Allow; NT-ACL-002 when it has private endpoints"),
    ("CKV_AZURE_68", "Ensure that PostgreSQL server disables public network access",
     "on `Microsoft.DBforPostgreSQL/servers` (single server, retired) only",
     "NT-DB-001 covers flexible servers (`Microsoft.DBforPostgreSQL/flexibleServers` and MySQL's), which Checkov's ARM checks do not read"),
]

# NetTwin rules with no Checkov ARM check (checked against the installed checkov/arm/checks/resource/*.py).
NETTWIN_ONLY_RULES = {
    "NT-NET-002": "Checkov's ARM NSG port checks are 22 (CKV_AZURE_10), 3389 (CKV_AZURE_9) and 80 (CKV_AZURE_160); none for 1433, 3342, 5432 or 3306",
    "NT-MI-001": "no Checkov ARM check reads `Microsoft.Sql/managedInstances`",
    "NT-MI-002": "no Checkov ARM check reads `Microsoft.Sql/managedInstances`",
    "NT-MI-003": "no Checkov ARM check reads `Microsoft.Sql/managedInstances`",
    "NT-MI-004": "no Checkov ARM check reads `Microsoft.Sql/managedInstances`",
    "NT-MI-005": "needs the reachability engine (peering, NSGs on the path)",
    "NT-SQL-002": "CKV_AZURE_11 looks only for 0.0.0.0-255.255.255.255, not the 0.0.0.0-0.0.0.0 'Azure services' rule",
    "NT-PE-001": "private endpoint connection states: no Checkov ARM check",
    "NT-PE-002": "needs the subnet of the endpoint and its NSG: no Checkov ARM check",
    "NT-PE-003": "needs the subnet of the endpoint and its delegations: no Checkov ARM check",
    "NT-PE-004": "needs the DNS resolver: no Checkov ARM check",
    "NT-SE-001": "needs the region of the subnet's VNet: no Checkov ARM check",
    "NT-TDE-001": "needs DNS and reachability: no Checkov ARM check",
    "NT-DNS-001": "private DNS zones: no Checkov ARM check",
    "NT-DNS-002": "private DNS zones: no Checkov ARM check",
    "NT-GW-001": "needs effective routes: no Checkov ARM check",
    "NT-SE-002": "needs public IPs of NICs in service-endpoint subnets: no Checkov ARM check",
    "NT-APP-001": "needs the reachability engine (App Service VNet integration, peering): no Checkov ARM check",
    "NT-NET-004": "subnets without an NSG: no Checkov ARM check (PSRule for Azure's Azure.VNET.UseNSGs)",
    "NT-NET-005": "NSGs associated with nothing: no Checkov ARM check (PSRule's Azure.NSG.Associated)",
    "NT-NET-006": "needs NSGs compiled per subnet and the VirtualNetwork tag: no Checkov ARM check",
    "NT-SQL-004": "firewall breadth over all rules of a server: no Checkov ARM check (PSRule's Azure.SQL.FirewallIPRange)",
    "NT-SQL-005": "firewall rule count: no Checkov ARM check (PSRule's Azure.SQL.FirewallRuleCount)",
    "NT-ACL-002": "CKV_AZURE_59 and CKV_AZURE_189 ask for Disabled always, not beside private endpoints (see the related checks)",
    "NT-DB-001": "Checkov's ARM checks read PostgreSQL/MySQL single servers, not flexible servers",
    "NT-DB-002": "Checkov's ARM checks read PostgreSQL/MySQL single servers, not flexible servers",
    "NT-DB-003": "Checkov's ARM checks read PostgreSQL/MySQL single servers, not flexible servers",
    "NT-VNET-002": "custom DNS servers: no Checkov ARM check (PSRule's Azure.VNET.SingleDNS)",
    "NT-VNET-003": "needs the reachability engine: no Checkov ARM check",
    "NT-VNET-001": "peering states: no Checkov ARM check",
    "NT-TLS-002": "paired with CKV_AZURE_44",
}

# --------------------------------------------------------------------------------------------------
# Why a disagreement happens, found by reading the template. Keyed by (folder, Checkov check id,
# resource), where resource is the Checkov resource ("Type.name" as Checkov prints it) for rows with a
# Checkov record, or "nettwin:" + the NetTwin resource name for rows Checkov has no record for.
# A disagreement without an entry is reported as "not yet explained" (and listed on stderr).

R_INTERNET_TAG = (
    "**Checkov false negative.** The rule's source is the service tag `Internet`; Checkov compares source prefixes "
    "case-sensitively against `internet`, so `Internet` never matches. NetTwin expands the tag and reports the Allow."
)
R_NO_PE = (
    "Scope, by design: NT-SQL-003 only reports public access on a server that also has a private endpoint; this "
    "template creates no private endpoint for the server, so NetTwin is silent while Checkov flags the missing "
    "`publicNetworkAccess: Disabled`."
)

R_NO_ACLS = (
    "Scope, by design: the storage account has no `networkAcls`, so its firewall's default action is Allow. Checkov "
    "fails CKV_AZURE_36 on a missing `networkAcls`; NetTwin reports the open default action under NT-ACL-001 (it does "
    "here) and keeps NT-ACL-003 for a firewall that denies by default without the trusted-services bypass."
)

REASONS: dict[tuple[str, str, str], str] = {
    # --- CKV_AZURE_36 vs NT-ACL-003 (no networkAcls: NT-ACL-001 reports instead) ---
    ("azurefirewall-forced-tunneling", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat(uniquestring(resourceGroup().id), 'sajumpbox')]"): R_NO_ACLS,
    ("azurefirewall-with-zones-sandbox", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat(uniquestring(resourceGroup().id), 'sajumpbox')]"): R_NO_ACLS,
    ("blob-storage-private-endpoint", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat('adls', uniquestring(resourceGroup().id))]"): R_NO_ACLS,
    ("blob-storage-private-endpoint", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat('boot', uniquestring(resourceGroup().id))]"): R_NO_ACLS,
    ("docs-managed-app-existing-vnet", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat(uniquestring(resourceGroup().id), 'sawinvm')]"): R_NO_ACLS,
    ("function-premium-vnet-integration", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat(uniquestring(resourceGroup().id), 'azfunctions')]"): R_NO_ACLS,
    ("key-vault-private-endpoint", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[concat('boot', uniquestring(resourceGroup().id))]"): R_NO_ACLS,
    ("sql-logical-server", "CKV_AZURE_36", "Microsoft.Storage/storageAccounts.[tolower(concat('sqlva', [uniqueString([subscription().subscriptionId], [resourceGroup().name], [resourceGroup().location])]))]"): R_NO_ACLS,
    # --- CKV_AZURE_44 vs NT-TLS-002 ---
    ("bastion-hub-spoke-vnet", "CKV_AZURE_44", "nettwin:gen-unique"):
        "**Checkov false negative: no result.** The boot-diagnostics storage account (`[toLower(parameters('storageAccountName'))]`, "
        "`gen-unique` with the parameters file) has no `properties` object at all, so `minimumTlsVersion` is unset, which the "
        "REST API defines as TLS 1.0; NetTwin reports it. Checkov lists CKV_AZURE_59 and CKV_AZURE_3 results for the account "
        "but no CKV_AZURE_44 result (neither passed nor failed), although its check code fails an account without the property.",
    # --- CKV_AZURE_160 vs NT-NET-003 ---
    ("docs-multiple-security-rules", "CKV_AZURE_160", "Microsoft.Network/networkSecurityGroups.NSG1"):
        "**Checkov false negative: rules from the parameters file.** The NSG's rules are a `copy` over the `securityRules` "
        "parameter; `azuredeploy.parameters.json` gives rule `HTTPAllow`: Allow, inbound, TCP 80 from `*`. Checkov scans the "
        "template without its parameters file and cannot see the rule; NetTwin expands the template with it and reports TCP 80 "
        "open to the whole Internet.",
    ("nsg-dmz-in-vnet", "CKV_AZURE_160", "Microsoft.Network/networkSecurityGroups.FE_NSG"):
        R_INTERNET_TAG + " (rule `web_rule`, priority 101, TCP 80 from `Internet`).",
    ("traffic-manager-demo-setup", "CKV_AZURE_160", "Microsoft.Network/networkSecurityGroups.[concat('webtestnsg-', parameters('dnsNameForPublicIP'))]"):
        R_INTERNET_TAG + " (`nested/azuredeploywebserver.json`, rule `web-rule`, TCP 80 from `Internet`; deployed twice by the "
        "entry template's copy loop, so NetTwin reports both NSGs, as for CKV_AZURE_10 on the same template).",
    # --- CKV_AZURE_9 / CKV_AZURE_10 vs NT-NET-001 ---
    # The first run (before commit 91bb7ab) also disagreed on hub-and-spoke-sandbox `winJmpHostNsg`,
    # azurefirewall-forced-tunneling `JumpHostNSG` (22) and azurefirewall-with-zones-sandbox `JumpHostNSG` (3389):
    # a NetTwin bug, an NSG on a NIC whose private IP is `Dynamic` was never evaluated. Fixed (the NIC stands for
    # its subnet's addresses); the three rows now agree, so they have no entry here.
    ("nsg-dmz-in-vnet", "CKV_AZURE_9", "Microsoft.Network/networkSecurityGroups.FE_NSG"):
        R_INTERNET_TAG + " (rule `rdp_rule`, priority 100, TCP 3389 from `Internet`; NetTwin names the NSG `fensg`, "
        "the value the parameters file gives, Checkov `FE_NSG`, the parameter's default).",
    ("userdefined-routes-appliance", "CKV_AZURE_9", "Microsoft.Network/networkSecurityGroups.DefaultNSG"):
        R_INTERNET_TAG + " (rule `rdp_rule`, TCP 3389 from `Internet`).",
    ("sqlmi-new-vnet-w-jumpbox", "CKV_AZURE_9", "nettwin:SQLMI-GEN-UNIQUE-JB-NSG"):
        "**Checkov false negative: file not parsed.** `azuredeploy.json` has a tab character outside a string (line "
        "259), which is valid JSON but which Checkov's loader rejects, so Checkov has no record for any resource of the "
        "template. The jump box NSG (`[concat('SQLMI-', parameters('managedInstanceName'), '-JB-NSG')]`, "
        "`SQLMI-GEN-UNIQUE-JB-NSG` with the parameters file) has rule `RDP`: Allow, TCP 3389 from `*`, priority 300, "
        "the NSG's only rule. It is associated only with the jump box NIC, whose IP is `Dynamic` and which has a public "
        "IP; the management subnet has no NSG. NetTwin (since the Dynamic-NIC fix) reports it and is right. With the "
        "tabs replaced by spaces, Checkov fails this NSG on CKV_AZURE_9 too.",
    ("traffic-manager-demo-setup", "CKV_AZURE_10", "Microsoft.Network/networkSecurityGroups.[concat('webtestnsg-', parameters('dnsNameForPublicIP'))]"):
        R_INTERNET_TAG + " (`nested/azuredeploywebserver.json`, rule `ssh-rule`, priority 100, TCP 22 from `Internet`, the "
        "NSG's first rule). The entry template deploys that file twice (deployments `webServer1` and `webServer2`, a "
        "`copy` loop of 2) through a `templateLink.uri` under `_artifactsLocation`, which the script maps to the local "
        "folder with `--map-uri`; NetTwin so gets two NSGs (`webtestnsg-<dnsPrefix>-1` and `-2`), each on the web "
        "server's NIC (`Dynamic` private IP, with a public IP), and reports both. Checkov scans the file once, standalone, "
        "and passes its one NSG. Before the mapping both tools missed it: NetTwin expanded the file on its own, where "
        "`dnsNameForPublicIP` has no value, so the NSG's name was unknown and it was not modelled.",
    ("app-service-environment-azfirewall", "CKV_AZURE_9", "Microsoft.Network/networkSecurityGroups.[parameters('aseNSGName')]"):
        "**Definition: a service tag source.** `nestedtemplates/vnet.json` (read through the entry template's link, "
        "with `--map-uri`; standalone, `aseNSGName` has no default and NetTwin did not model the NSG) creates `ase-NSG` "
        "on the ASE subnet with rule `AppServiceManagement`: Allow, inbound, protocol `*`, every port, from the service "
        "tag `AppServiceManagement`, priority 100. Checkov only counts `*`, `internet`, `any`, `0.0.0.0` and `/0` "
        "sources, so a service tag never fails its check. NetTwin expands the tag from its shipped service tag file to "
        "218 public prefixes (Microsoft's App Service management addresses, IPv4 and IPv6) and reports them on 22 and "
        "3389 (and on 1433, 3306, 3342 and 5432 under NT-NET-002, which has no Checkov counterpart). Azure does admit "
        "those addresses on every port, so NetTwin's evidence is correct, but it is an exposure to Microsoft's "
        "management service, not to the Internet at large that NT-NET-001's title (\"open to the Internet\") "
        "suggests. Both are right about what they test; NetTwin's finding is the broader reading.",
    ("app-service-environment-azfirewall", "CKV_AZURE_10", "Microsoft.Network/networkSecurityGroups.[parameters('aseNSGName')]"):
        "**Definition: a service tag source.** The same rule `AppServiceManagement` of `ase-NSG` as in the CKV_AZURE_9 "
        "row (every port from the `AppServiceManagement` tag): NetTwin reports its 22 part, Checkov does not count a "
        "service tag as the Internet.",
    # Once `--map-uri` read its linked `nested/updateSubnet.json`, nsg-add-to-existing-subnet's `new-nsg` (rule `SSH`,
    # TCP 22 from `*`) was a NetTwin miss: the NSG's only place was an existing subnet whose `addressPrefix` comes from
    # `reference()`, known only at deployment, and with no address there no rule matched. Fixed in commit 1e4ef27
    # (the rules then apply to whatever addresses the subnet gets); NetTwin reports the rule and the row agrees, so it
    # has no entry here.
    ("docs-multiple-security-rules", "CKV_AZURE_9", "Microsoft.Network/networkSecurityGroups.NSG1"):
        "**Checkov false negative: expressions.** `properties.securityRules` is `[variables('securityRules')]`, a "
        "variable built by a `copy` loop over the array parameter `securityRules`, which has no default; the rules are "
        "in the parameters file (`RDPAllow`: TCP 3389 from `*`, Allow, priority 100). Checkov neither evaluates variable "
        "`copy` loops nor reads parameters files, so it sees no rule and passes the NSG. NetTwin expands the loop with the "
        "parameters file; the NSG is associated with nothing in the template, so it is evaluated as if outside any VNet.",
    # --- CKV_AZURE_52 vs NT-TLS-001 ---
    ("sql-with-failover-group", "CKV_AZURE_52", "Microsoft.Sql/servers.[parameters('sqlServerSecondaryName')]"):
        "Parameters file artefact: `azuredeploy.parameters.json` gives both `sqlServerPrimaryName` and "
        "`sqlServerSecondaryName` the placeholder `GEN-UNIQUE`, so both servers get the same resource ID; NetTwin keeps "
        "the first (warning `input.resource.duplicate`) and reports the missing TLS setting once, on the primary. "
        "Checkov reads each resource with the parameters' defaults. Both servers lack `minimalTlsVersion`: with distinct "
        "names NetTwin would report both.",
    # Until the script passed `--map-uri` (see checkov-compare.sh), web-app-regional-vnet-private-endpoint-sql-storage's
    # `nestedtemplates/sqldb.json` server (no `minimalTlsVersion`) was a NetTwin miss: the file, linked by URL, was
    # expanded only on its own, without `suffix`, so the server was not modelled. Read through its link, it is reported
    # and the row agrees, so it has no entry here.
    # --- CKV_AZURE_113 vs NT-SQL-003 ---
    ("web-app-sql-database", "CKV_AZURE_113", "Microsoft.Sql/servers.[concat('sqlserver', uniqueString(resourceGroup().id))]"): R_NO_PE,
    ("sql-encryption-protector-byok", "CKV_AZURE_113", "Microsoft.Sql/servers.sql-server"): R_NO_PE,
    ("sql-with-failover-group", "CKV_AZURE_113", "Microsoft.Sql/servers.[parameters('sqlServerPrimaryName')]"): R_NO_PE,
    ("sql-with-failover-group", "CKV_AZURE_113", "Microsoft.Sql/servers.[parameters('sqlServerSecondaryName')]"): R_NO_PE,
    ("sql-logical-server", "CKV_AZURE_113", "Microsoft.Sql/servers.[uniqueString('sql', resourceGroup().id)]"): R_NO_PE,
    # --- CKV_AZURE_35 vs NT-ACL-001 (storage) ---
    ("web-app-regional-vnet-private-endpoint-sql-storage", "CKV_AZURE_35", "Microsoft.Storage/storageAccounts.[concat('stor', parameters('suffix'))]"):
        "**Checkov false positive: parameters passed by the parent.** In `nestedtemplates/storage.json` the default "
        "action is `[parameters('defaultNetworkAccessAction')]`, whose default is `Allow`; the entry template deploys the "
        "file (deployment `linkedTemplate-storage`, by URL, mapped to the local file with `--map-uri`) with "
        "`defaultNetworkAccessAction: Deny`. Checkov reads the linked file alone, with the default, and fails it. NetTwin "
        "reads it only through its parent, so the account `stor<suffix>` has `defaultAction: Deny` and is rightly not "
        "reported. Confirmed in a scratch copy: with the parent passing `Allow`, NetTwin reports NT-ACL-001 on it.",
    ("bastion-hub-spoke-vnet", "CKV_AZURE_35", "nettwin:gen-unique"):
        "**Checkov drops its own failure.** The account has no `networkAcls` (Checkov's check fails it), but its name "
        "is `[toLower(parameters('storageAccountName'))]` and Checkov's ARM runner removes every failed result on a "
        "resource whose name contains `toLower(` (`filter_failed_checks_with_unrendered_resources`), so the report has "
        "no CKV_AZURE_35 record for it (CKV_AZURE_59, which passed, is there). NetTwin reports it.",
}

# --------------------------------------------------------------------------------------------------


@dataclass
class CheckovRecord:
    folder: str
    check_id: str
    result: str  # FAILED, PASSED, SKIPPED
    resource: str
    file_abs: str
    file_rel: str
    lines: tuple[int, int]
    check_name: str

    @property
    def name(self) -> str:
        return self.resource.split(".", 1)[1] if "." in self.resource else self.resource

    def contains(self, path: str, line: int | None) -> bool:
        return line is not None and os.path.realpath(path) == os.path.realpath(self.file_abs) and self.lines[0] <= line <= self.lines[1]


@dataclass
class Row:
    folder: str
    pair: Pair
    checkov: CheckovRecord | None
    findings: list[dict[str, Any]] = field(default_factory=list)
    checkov_parsed: bool = True

    @property
    def checkov_failed(self) -> bool:
        return self.checkov is not None and self.checkov.result == "FAILED"

    @property
    def nettwin_found(self) -> bool:
        return bool(self.findings)

    @property
    def agrees(self) -> bool:
        return self.checkov_failed == self.nettwin_found

    @property
    def reason_key(self) -> tuple[str, str, str]:
        if self.checkov is not None:
            return (self.folder, self.pair.checkov_id, self.checkov.resource)
        return (self.folder, self.pair.checkov_id, "nettwin:" + _nt_subject_name(self.findings[0]))


def load_checkov(path: str, folder: str) -> tuple[list[CheckovRecord], list[str], int]:
    """Records, parse errors and resource count of one Checkov JSON report."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return [], [], 0
    if not text.strip():
        return [], [], 0
    data = json.loads(text)
    reports = data if isinstance(data, list) else [data]
    records: list[CheckovRecord] = []
    errors: list[str] = []
    resources = 0
    for report in reports:
        if not isinstance(report, dict) or report.get("check_type", "arm") != "arm":
            continue
        results = report.get("results") or {}
        resources += int((report.get("summary") or {}).get("resource_count") or 0)
        errors += list(results.get("parsing_errors") or [])
        for kind, result in (("failed_checks", "FAILED"), ("passed_checks", "PASSED"), ("skipped_checks", "SKIPPED")):
            for c in results.get(kind) or []:
                lines = c.get("file_line_range") or [0, 0]
                records.append(CheckovRecord(
                    folder=folder, check_id=c["check_id"], result=result, resource=c.get("resource", ""),
                    file_abs=c.get("file_abs_path") or "", file_rel=(c.get("file_path") or "").lstrip("/"),
                    lines=(int(lines[0]), int(lines[1])), check_name=c.get("check_name", ""),
                ))
    return records, errors, resources


def load_nettwin(path: str) -> list[dict[str, Any]] | None:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    if not text.strip():
        return None
    return json.loads(text).get("findings") or []


def compare(folder: str, records: list[CheckovRecord], findings: list[dict[str, Any]], parsed_files: bool) -> list[Row]:
    rows: list[Row] = []
    for pair in PAIRS:
        mine = [r for r in records if r.check_id == pair.checkov_id]
        by_record: dict[int, Row] = {}
        for i, r in enumerate(mine):
            by_record[i] = Row(folder, pair, r, checkov_parsed=parsed_files)
        extra: list[Row] = []
        for f in findings:
            if not pair.accepts(f):
                continue
            path, line = f.get("file") or "", f.get("line")
            containing = [(i, r) for i, r in enumerate(mine) if r.contains(path, line)]
            if containing:
                i, _ = min(containing, key=lambda ir: ir[1].lines[1] - ir[1].lines[0])
                by_record[i].findings.append(f)
                continue
            name = _nt_subject_name(f).lower()
            named = [i for i, r in enumerate(mine) if r.name.lower() == name]
            if named:
                by_record[named[0]].findings.append(f)
                continue
            subject = _nt_subject_name(f)
            row = next((x for x in extra if _nt_subject_name(x.findings[0]) == subject), None)
            if row is None:
                extra.append(Row(folder, pair, None, [f], checkov_parsed=parsed_files))
            else:
                row.findings.append(f)
        rows += list(by_record.values()) + extra
    return rows


def parse_error_cause(path: str) -> str:
    """Why Checkov 3.3's ARM parser rejects a file that Azure accepts (checked on the corpus files)."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as e:
        return f"unreadable ({e.strerror})"
    try:
        json.loads(text)
    except ValueError as e:
        if "//" in text or "/*" in text:
            return f"comments (JSONC, which ARM accepts; strict JSON fails at line {getattr(e, 'lineno', '?')})"
        return f"not strict JSON ({e})"
    if "\t" in text:
        return ("a tab outside a string (valid JSON): Checkov's YAML loader rejects it and swallows the error, so "
                "its JSON fallback is never reached")
    return "unknown"


def zero_resource_cause(corpus: str, folder: str, parse_errors: list[str]) -> str:
    entry = os.path.join(corpus, folder, "azuredeploy.json")
    if "azuredeploy.json" in parse_errors:
        return "not parsed"
    try:
        with open(entry, encoding="utf-8-sig") as f:
            template = json.load(f)
    except (OSError, ValueError):
        return "not parsed"
    if isinstance(template.get("resources"), dict):
        return "resources as an object (languageVersion 2.0): not read"
    return ("no result from any check: no resource of a type Checkov has an ARM check for, or the check raised on an "
            "unevaluated expression (Checkov logs it and records nothing)")


def md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def short_finding(f: dict[str, Any]) -> str:
    return f"{f['ruleId']}: {f['message']}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--nettwin-dir", required=True)
    ap.add_argument("--checkov-dir", required=True)
    ap.add_argument("--checkov-all", help="Checkov's JSON for one run over all folders (compared with the per-folder runs)")
    ap.add_argument("--timings", required=True)
    ap.add_argument("--checkov-version", default="unknown")
    ap.add_argument("--machine", default="")
    ap.add_argument("--output", required=True)
    ap.add_argument("--json", help="also write the rows as JSON here")
    args = ap.parse_args()

    folders = sorted(n[: -len(".json")] for n in os.listdir(args.nettwin_dir) if n.endswith(".json"))
    all_rows: list[Row] = []
    parse_errors: dict[str, list[str]] = {}
    checkov_resources: dict[str, int] = {}
    checkov_failed_other: dict[str, dict[str, Any]] = {}
    nettwin_other: dict[str, list[str]] = {}
    nettwin_missing: list[str] = []
    for folder in folders:
        records, errors, resources = load_checkov(os.path.join(args.checkov_dir, folder + ".json"), folder)
        findings = load_nettwin(os.path.join(args.nettwin_dir, folder + ".json"))
        if findings is None:
            nettwin_missing.append(folder)
            findings = []
        checkov_resources[folder] = resources
        if errors:
            parse_errors[folder] = [os.path.relpath(e, os.path.join(args.corpus, folder)) for e in errors]
        all_rows += compare(folder, records, findings, parsed_files=not errors)
        paired_ids = {p.checkov_id for p in PAIRS}
        for r in records:
            if r.result == "FAILED" and r.check_id not in paired_ids:
                entry = checkov_failed_other.setdefault(r.check_id, {"name": r.check_name, "count": 0, "folders": set()})
                entry["count"] += 1
                entry["folders"].add(folder)
        for f in findings:
            if not any(p.accepts(f) for p in PAIRS):
                nettwin_other.setdefault(f["ruleId"], []).append(folder)

    # Timings.
    timings: list[tuple[str, str, float]] = []
    with open(args.timings, encoding="utf-8") as f:
        next(f)
        for line in f:
            tool, scope, seconds = line.rstrip("\n").split("\t")
            timings.append((tool, scope, float(seconds)))
    per_folder = {tool: [s for t, scope, s in timings if t == tool and scope in folders] for tool in ("nettwin", "checkov")}

    # Consistency: the one-process Checkov run should give the same failed records.
    consistency = ""
    if args.checkov_all and os.path.exists(args.checkov_all):
        all_records, _, _ = load_checkov(args.checkov_all, "*")
        one = {(os.path.realpath(r.file_abs), r.check_id, r.resource, r.result) for r in all_records}
        many = set()
        for folder in folders:
            recs, _, _ = load_checkov(os.path.join(args.checkov_dir, folder + ".json"), folder)
            many |= {(os.path.realpath(r.file_abs), r.check_id, r.resource, r.result) for r in recs}
        consistency = (
            f"The one-process Checkov run gave {len(one)} results, the per-folder runs {len(many)}; "
            f"{len(one ^ many)} differ."
        )

    unexplained: list[Row] = []
    out: list[str] = []
    w = out.append
    w("<!-- generated by Scripts/checkov_compare.py -->")
    w(f"Checkov {args.checkov_version}; {len(folders)} template folders; machine: {args.machine}.")
    w("")
    w("### Run time (wall clock, same folders)")
    w("")
    w("| tool | how | total | per folder: median / max |")
    w("|---|---|---|---|")
    for tool, scope, seconds in timings:
        if scope in folders:
            continue
        pf = per_folder.get(tool) or []
        detail = f"{statistics.median(pf):.3f} s / {max(pf):.3f} s" if pf and "per folder" in scope else "-"
        w(f"| {tool} | {scope} | {seconds:.2f} s | {detail} |")
    totals = {(tool, scope): seconds for tool, scope, seconds in timings if scope not in folders}
    each = totals.get(("nettwin", "all folders, one process (check --each)"))
    if each:
        w("")
        for scope in ("all folders, one process per folder", "all folders, one process"):
            other = totals.get(("checkov", scope))
            if other:
                w(f"- `nettwin check --each` is {other / each:.0f}x faster than Checkov ({scope}: {other:.2f} s vs {each:.2f} s).")
    if consistency:
        w("")
        w(consistency)
    w("")
    w("### Overlapping checks")
    w("")
    w("| Checkov | what it tests, literally | NetTwin | how it is computed |")
    w("|---|---|---|---|")
    for p in PAIRS:
        w(f"| {p.checkov_id}: {md_escape(p.checkov_title)} | {md_escape(p.checkov_literal)} | {p.nettwin_id} | {md_escape(p.nettwin_computed)} |")
    w("")
    w("Related Checkov checks, not compared resource by resource:")
    w("")
    for cid, title, literal, note in RELATED:
        w(f"- {cid} ({title}): {literal}; {note}.")
    w("")
    w("### Agreement per pair")
    w("")
    w("A row is a Checkov record of the check (one resource) or a NetTwin finding Checkov has no record for.")
    w("")
    w("| pair | rows | both report | both silent | Checkov only | NetTwin only |")
    w("|---|---|---|---|---|---|")
    for p in PAIRS:
        rows = [r for r in all_rows if r.pair is p]
        both = sum(1 for r in rows if r.checkov_failed and r.nettwin_found)
        neither = sum(1 for r in rows if not r.checkov_failed and not r.nettwin_found)
        ck = sum(1 for r in rows if r.checkov_failed and not r.nettwin_found)
        nt = sum(1 for r in rows if not r.checkov_failed and r.nettwin_found)
        w(f"| {p.checkov_id} / {p.nettwin_id} | {len(rows)} | {both} | {neither} | {ck} | {nt} |")
    w("")
    w("### Disagreements")
    w("")
    w("| template | pair | resource | Checkov | NetTwin | why |")
    w("|---|---|---|---|---|---|")
    for r in all_rows:
        if r.agrees:
            continue
        if r.checkov is not None:
            where = f"{r.checkov.file_rel}:{r.checkov.lines[0]}"
            resource = f"`{md_escape(r.checkov.resource)}` ({where})"
            ck = r.checkov.result
        else:
            f0 = r.findings[0]
            where = os.path.relpath(f0.get("file") or "", os.path.join(args.corpus, r.folder)) + f":{f0.get('line')}"
            resource = f"`{md_escape(_nt_subject_name(f0))}` ({where})"
            ck = "no record" if r.checkov_parsed else "no record (file not parsed)"
        nt = "; ".join(md_escape(short_finding(f)) for f in r.findings) if r.findings else "no finding"
        reason = REASONS.get(r.reason_key)
        if reason is None:
            unexplained.append(r)
            reason = "not yet explained (key: `" + md_escape(repr(r.reason_key)) + "`)"
        w(f"| {r.folder} | {r.pair.checkov_id} / {r.pair.nettwin_id} | {resource} | {ck} | {nt} | {md_escape(reason)} |")
    w("")
    w("### Files Checkov could not parse")
    w("")
    if parse_errors:
        w("| template | file | cause |")
        w("|---|---|---|")
        for folder, files in sorted(parse_errors.items()):
            for x in sorted(files):
                w(f"| {folder} | `{x}` | {md_escape(parse_error_cause(os.path.join(args.corpus, folder, x)))} |")
    else:
        w("None.")
    w("")
    zero = [f for f in folders if checkov_resources.get(f, 0) == 0]
    w(f"Folders where Checkov evaluated no resource at all ({len(zero)}):")
    w("")
    causes: dict[str, list[str]] = {}
    for f in zero:
        causes.setdefault(zero_resource_cause(args.corpus, f, parse_errors.get(f, [])), []).append(f)
    for cause, fl in sorted(causes.items()):
        w(f"- {cause}: {', '.join(fl)}")
    if nettwin_missing:
        w("")
        w("Folders where `nettwin check` wrote no JSON: " + ", ".join(nettwin_missing) + ".")
    w("")
    w("### Checkov checks that failed and have no NetTwin counterpart")
    w("")
    w("| check | name | failed resources | templates |")
    w("|---|---|---|---|")
    for cid, e in sorted(checkov_failed_other.items(), key=lambda kv: (-kv[1]["count"], kv[0])):
        w(f"| {cid} | {md_escape(e['name'])} | {e['count']} | {len(e['folders'])} |")
    w("")
    w("### NetTwin findings that have no Checkov counterpart")
    w("")
    w("| rule | findings | templates | why Checkov has none |")
    w("|---|---|---|---|")
    for rid, fl in sorted(nettwin_other.items()):
        if rid in ("NT-TLS-001", "NT-ACL-001"):
            why = "the part of the rule Checkov has no check for (managed instances, managed HSMs)"
        else:
            why = NETTWIN_ONLY_RULES.get(rid, "not reviewed for this comparison (a rule newer than this script)")
        w(f"| {rid} | {len(fl)} | {', '.join(sorted(set(fl)))} | {md_escape(why)} |")
    w("")

    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([
                {
                    "template": r.folder, "checkov": r.pair.checkov_id, "nettwin": r.pair.nettwin_id,
                    "resource": r.checkov.resource if r.checkov else None,
                    "checkovResult": r.checkov.result if r.checkov else None,
                    "nettwinFindings": [x["resourceId"] for x in r.findings],
                    "agrees": r.agrees, "reason": REASONS.get(r.reason_key),
                }
                for r in all_rows
            ], f, indent=1)
    disagreements = sum(1 for r in all_rows if not r.agrees)
    print(f"{len(all_rows)} rows compared, {disagreements} disagreement(s), {len(unexplained)} not yet explained")
    for r in unexplained:
        print(f"  not yet explained: {r.reason_key!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
