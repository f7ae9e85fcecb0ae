#!/usr/bin/env python3
"""Writes Examples/secure-sqlmi-one-hsm-endpoint from Examples/secure-sqlmi: the Managed HSM's private endpoint exists
only in the primary region (West Europe). North Europe keeps its private DNS zone, whose record now points at the West
Europe endpoint (10.1.1.4), reached over the global peering. Run from the repository root."""
import json, os, shutil

source = "Examples/secure-sqlmi"
target = "Examples/secure-sqlmi-one-hsm-endpoint"
shutil.rmtree(target, ignore_errors=True)
os.makedirs(target)
for name in os.listdir(source):
    if name.endswith(".json"):
        shutil.copy(os.path.join(source, name), os.path.join(target, name))

def rewrite(name, change):
    path = os.path.join(target, name)
    data = json.load(open(path))
    data = change(data)
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")

# North Europe: no private endpoint to the HSM (nor its NIC and zone group).
rewrite("network-neu.json", lambda d: [r for r in d if "pe-hsm-neu" not in r["id"]])

# The North Europe zone's record points at the West Europe endpoint.
def dns(d):
    for r in d["value"]:
        if r["type"] == "Microsoft.Network/privateDnsZones/A" and "/rg-net-neu/" in r["id"]:
            r["properties"]["aRecords"] = [{"ipv4Address": "10.1.1.4"}]
    return d
rewrite("dns.json", dns)

# The HSM has one private endpoint connection left.
def data(d):
    for row in d["data"]:
        connections = row.get("properties", {}).get("privateEndpointConnections")
        if connections is not None:
            row["properties"]["privateEndpointConnections"] = [c for c in connections if "pe-hsm-neu" not in json.dumps(c)]
    return d
rewrite("data.json", data)
