#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# otlp_proto_check.py: OTLP request bodies checked with the official opentelemetry-proto
# definitions (pinned in tests/proto/, compiled by protoc --python_out into GENDIR), not by shape.
#
#   otlp_proto_check.py GENDIR FILE...
#
# FILE: req-K.{pb,json} (ExportTraceServiceRequest) or logs-K.{pb,json} (ExportLogsServiceRequest)
# as tests/otlp_receiver.py saves them.  Protobuf bodies must parse and hold no field the
# definitions lack; JSON bodies must parse with protobuf's strict JSON parser (unknown keys are
# errors) once their ids are turned from OTLP/JSON's hex into proto3 JSON's base64, as the OTLP
# spec's "JSON Protobuf Encoding" says receivers do.  Prints one JSON summary line on stdout:
# {"spans": [{"name", "span_id", "parent", "attrs", "events": [names], "status"}], "logs":
# [{"body", "severity", "severity_text", "span_id", "trace_id", "attrs"}], "resource": {...},
# "scope": [name, version]}; problems on stderr and exit status 1.
import base64, json, os, sys

sys.path.insert(0, sys.argv[1])
from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
from opentelemetry.proto.collector.logs.v1 import logs_service_pb2

errs = []
out = {"spans": [], "logs": [], "resource": {}, "scope": None}


def anyvalue(v):
    k = v.WhichOneof("value")
    if k == "array_value":
        return [anyvalue(x) for x in v.array_value.values]
    return getattr(v, k) if k else None


def attrs(kvs):
    return {kv.key: anyvalue(kv.value) for kv in kvs}


def hex_to_b64(o):
    if isinstance(o, dict):
        for k, v in list(o.items()):
            if k in ("traceId", "spanId", "parentSpanId") and isinstance(v, str):
                o[k] = base64.b64encode(bytes.fromhex(v)).decode()
            else:
                hex_to_b64(v)
    elif isinstance(o, list):
        for v in o:
            hex_to_b64(v)


for path in sys.argv[2:]:
    name = os.path.basename(path)
    logs = name.startswith("logs-")
    msg = logs_service_pb2.ExportLogsServiceRequest() if logs else \
        trace_service_pb2.ExportTraceServiceRequest()
    data = open(path, "rb").read()
    try:
        if path.endswith(".pb"):
            msg.ParseFromString(data)
            n = len(msg.SerializeToString())
            msg.DiscardUnknownFields()
            if len(msg.SerializeToString()) != n:
                errs.append("%s: fields the definitions do not have" % name)
        else:
            o = json.loads(data)
            hex_to_b64(o)
            json_format.ParseDict(o, msg)	# strict: an unknown key is an error
    except Exception as e:
        errs.append("%s: %s" % (name, e))
        continue
    groups = msg.resource_logs if logs else msg.resource_spans
    for g in groups:
        out["resource"].update(attrs(g.resource.attributes))
        for sg in (g.scope_logs if logs else g.scope_spans):
            out["scope"] = [sg.scope.name, sg.scope.version]
            if logs:
                for r in sg.log_records:
                    if r.time_unix_nano == 0 or len(r.trace_id) != 16 or len(r.span_id) != 8:
                        errs.append("%s: a log record without time or ids" % name)
                    out["logs"].append({"body": anyvalue(r.body), "severity": r.severity_number,
                                        "severity_text": r.severity_text,
                                        "trace_id": r.trace_id.hex(), "span_id": r.span_id.hex(),
                                        "attrs": attrs(r.attributes)})
                continue
            for sp in sg.spans:
                if len(sp.trace_id) != 16 or len(sp.span_id) != 8:
                    errs.append("%s: span %r: bad ids" % (name, sp.name))
                if sp.end_time_unix_nano < sp.start_time_unix_nano:
                    errs.append("%s: span %r ends before it starts" % (name, sp.name))
                out["spans"].append({"name": sp.name, "span_id": sp.span_id.hex(),
                                     "trace_id": sp.trace_id.hex(),
                                     "parent": sp.parent_span_id.hex(),
                                     "attrs": attrs(sp.attributes),
                                     "events": [e.name for e in sp.events],
                                     "status": [sp.status.code, sp.status.message]})
for e in errs[:8]:
    print(e, file=sys.stderr)
print(json.dumps(out))
sys.exit(1 if errs else 0)
