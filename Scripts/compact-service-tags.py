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
seen, tags = set(), []
for v in root["values"]:
    if "name" not in v or v["name"].lower() in seen:   # the first of two tags with one name wins, as in the JSON reader
        continue
    seen.add(v["name"].lower())
    props = v.get("properties") or {}
    v4, v6 = [], []
    for text in props.get("addressPrefixes") or []:
        net = ipaddress.ip_network(text, strict=False)
        (v4 if net.version == 4 else v6).append(net)
    blob = b"".join(struct.pack("<IB", int(n.network_address), n.prefixlen) for n in v4)
    blob += b"".join(n.network_address.packed + bytes([n.prefixlen]) for n in v6)
    region = (props.get("region") or "").lower().replace(" ", "")   # as NetTwin normalizes regions
    tags.append({"key": v["name"].lower(), "name": v["name"], "region": region, "service": props.get("systemService") or "",
                 "v4": len(v4), "v6": len(v6), "blob": blob, "order": len(tags)})
# Binary search needs the keys in byte order. A regional key (base|region) maps to its tag: the one named exactly
# base.region when there is one (Sql.EastUS2, not Sql.EastUS2Stage, which has the same region), else the first in file
# order.
tags.sort(key=lambda t: t["key"].encode("utf-8"))
regional = {}
for index, t in sorted(enumerate(tags), key=lambda p: p[1]["order"]):
    parts = t["key"].split(".")
    if t["region"] and len(parts) == 2:
        key = parts[0] + "|" + t["region"]
        if key not in regional or t["key"] == parts[0] + "." + t["region"]:
            if key in regional and tags[regional[key]]["key"] == parts[0] + "." + t["region"]:
                continue
            regional[key] = index
regional_items = sorted(regional.items(), key=lambda kv: kv[0].encode("utf-8"))

header = b"NTST" + struct.pack("<II", 3, int(root.get("changeNumber") or 0)) + s(root.get("cloud")) + struct.pack("<II", len(tags), len(regional_items))
tables_size = 4 * len(tags) + 4 * len(regional_items)
records = [s(t["key"]) + s(t["name"]) + s(t["region"]) + s(t["service"]) for t in tags]
regional_records = [s(k) + struct.pack("<I", i) for k, i in regional_items]
records_start = len(header) + tables_size
record_bytes = sum(len(r) + 12 for r in records)
regional_start = records_start + record_bytes
blobs_start = regional_start + sum(len(r) for r in regional_records)

offsets, out_records, position, blob_position = [], b"", records_start, blobs_start
for t, r in zip(tags, records):
    offsets.append(position)
    out_records += r + struct.pack("<III", blob_position, t["v4"], t["v6"])
    position += len(r) + 12
    blob_position += len(t["blob"])
regional_offsets, out_regional, position = [], b"", regional_start
for r in regional_records:
    regional_offsets.append(position)
    out_regional += r
    position += len(r)
data = header + b"".join(struct.pack("<I", o) for o in offsets) + b"".join(struct.pack("<I", o) for o in regional_offsets)
data += out_records + out_regional + b"".join(t["blob"] for t in tags)
assert len(data) == blob_position
open(target, "wb").write(data)
print(f"{target}: {len(tags)} tags, {len(regional_items)} regional keys, {len(data)} bytes")
