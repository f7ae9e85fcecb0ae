#!/usr/bin/env python3
"""Writes the compact form of a service tag file (CompactServiceTags.swift documents the layout).

    Scripts/compact-service-tags.py Sources/NetTwinARM/Resources/ServiceTags_Public.json Sources/NetTwinARM/Resources/ServiceTags_Public.ntst

Run it whenever the bundled ServiceTags_Public.json is replaced; ServiceTagTests fails when the two disagree."""
import ipaddress, json, struct, sys

def s(text):
    data = (text or "").encode("utf-8")
    return struct.pack("<H", len(data)) + data

source, target = sys.argv[1], sys.argv[2]
root = json.load(open(source, encoding="utf-8"))
values = [v for v in root["values"] if "name" in v]
entries, blobs = [], []
for v in values:
    props = v.get("properties") or {}
    v4, v6 = [], []
    for text in props.get("addressPrefixes") or []:
        net = ipaddress.ip_network(text, strict=False)
        (v4 if net.version == 4 else v6).append(net)
    blob = b"".join(struct.pack("<IB", int(n.network_address), n.prefixlen) for n in v4)
    blob += b"".join(n.network_address.packed + bytes([n.prefixlen]) for n in v6)
    # Version 2 stores the lookup key (the name in lower case) and the region as NetTwin normalizes it (lower case,
    # no spaces), so that reading the index does no string work.
    region = (props.get("region") or "").lower().replace(" ", "")
    entries.append((v["name"], region, props.get("systemService") or "", len(v4), len(v6)))
    blobs.append(blob)
header = b"NTST" + struct.pack("<II", 2, int(root.get("changeNumber") or 0)) + s(root.get("cloud")) + struct.pack("<I", len(entries))
index_size = sum(len(s(n.lower())) + len(s(n)) + len(s(r)) + len(s(x)) + 12 for n, r, x, _, _ in entries)
offset = len(header) + index_size
index = b""
for (name, region, service, n4, n6), blob in zip(entries, blobs):
    index += s(name.lower()) + s(name) + s(region) + s(service) + struct.pack("<III", offset, n4, n6)
    offset += len(blob)
open(target, "wb").write(header + index + b"".join(blobs))
print(f"{target}: {len(entries)} tags, {offset} bytes")
