#!/usr/bin/env python3
"""squawk parity: runs squawk and `schemapilot check --hygiene` over bench/parity/cases/*.sql and compares them.

Each case file starts with comment headers (all optional):
  -- sp: <extra schemapilot args>     (SCHEMA stands for cases/_catalog.sql, loaded with --schema)
  -- sq: <extra squawk args>          (--pg-version=16.0 unless given, to match schemapilot's default)
  -- expect: id,id|id                 our ids PostgreSQL's behaviour calls for (a|b: either)
  -- forbid: id,id                    our ids that would be false alarms
  -- compare: timeouts,robust         also compare these noisy rules (left out elsewhere: squawk raises them on
                                      almost every file)
  -- before: _a.sql,_b.sql            files (in cases/, named with a leading _ so they are no cases) given first on
                                      the same command line: one run of several files; only the case file's
                                      findings are compared
  -- note / verdict / why             the reason for a difference, shown in the table

  python3 bench/parity/run-parity.py --squawk PATH --jar target/schemapilot.jar [--before-jar OLD.jar] \
      [--json out.json] [--markdown out.md]

Exit status 1 when a case's expect/forbid fails with --jar. Progress on stderr, the summary on stdout.
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

NOISE = {"timeouts": {"require-timeout-settings", "require-lock-timeout", "require-statement-timeout",
                      "missing-lock-timeout", "missing-statement-timeout"},
         "robust": {"prefer-robust-stmts", "non-idempotent-statement"}}

# squawk 2.66 rule -> the schemapilot hazard ids that cover it
MAP = {
    "adding-field-with-default": {"add-column-volatile-default", "add-column-default-pre-pg11",
                                  "add-column-generated-stored", "add-column-auto-increment"},
    "adding-foreign-key-constraint": {"add-foreign-key-validating"},
    "adding-not-nullable-field": {"set-not-null-full-scan"},
    "adding-primary-key-constraint": {"add-primary-key-inline-index"},
    "adding-serial-primary-key-field": {"add-primary-key-inline-index"},
    "adding-required-field": {"add-column-not-null-no-default"},
    "ban-alter-domain-with-add-constraint": {"domain-constraint"},
    "ban-create-domain-with-constraint": {"domain-constraint"},
    "ban-char-field": {"type-bounded-char"},
    "prefer-text-field": {"type-bounded-char"},
    "ban-concurrent-index-creation-in-transaction": {"concurrently-in-transaction"},
    "ban-drop-column": {"drop-column"},
    "ban-drop-database": {"drop-database"},
    "ban-drop-not-null": {"drop-not-null"},
    "ban-drop-table": {"drop-table"},
    "ban-truncate-cascade": {"cascade-to-dependents"},
    "ban-uncommitted-transaction": {"uncommitted-transaction"},
    "changing-column-type": {"alter-column-type-rewrite", "alter-column-type-lossy"},
    # squawk also raises it on PRIMARY KEY / UNIQUE / EXCLUDE, which PostgreSQL cannot add NOT VALID
    "constraint-missing-not-valid": {"add-check-constraint-validating", "add-foreign-key-validating",
                                     "validate-constraint-same-transaction", "add-primary-key-inline-index",
                                     "add-unique-constraint-inline-index", "add-exclusion-constraint",
                                     "set-not-null-full-scan"},
    "disallowed-unique-constraint": {"add-unique-constraint-inline-index"},
    "identifier-too-long": {"identifier-too-long"},
    "prefer-bigint-over-int": {"type-int-key-overflow"},
    "prefer-bigint-over-smallint": {"type-int-key-overflow"},
    "prefer-identity": {"type-serial-not-identity"},
    "prefer-repack": {"vacuum-full-or-cluster"},
    "prefer-robust-stmts": {"non-idempotent-statement"},
    "prefer-timestamptz": {"type-timestamp-without-tz"},
    "prefer-timestamp-tz": {"type-timestamp-without-tz"},
    "renaming-column": {"rename-column"},
    "renaming-table": {"rename-table"},
    "require-concurrent-index-creation": {"create-index-non-concurrent"},
    "require-concurrent-index-deletion": {"drop-index-non-concurrent"},
    "require-concurrent-partition-detach": {"detach-partition-non-concurrent"},
    "require-concurrent-reindex": {"reindex-non-concurrent"},
    "require-enum-value-ordering": {"enum-add-value-unordered"},
    "require-lock-timeout": {"missing-lock-timeout"},
    "require-timeout-settings": {"missing-lock-timeout", "missing-statement-timeout"},
    "require-statement-timeout": {"missing-statement-timeout"},
    "transaction-nesting": {"transaction-nesting"},
    "ban-duplicate-column-assignments": set(),
}
REV = {}
for rule, ids in MAP.items():
    for i in ids:
        REV.setdefault(i, set()).add(rule)

HEADER = re.compile(r"--\s*(sp|sq|expect|forbid|compare|note|verdict|why|before):\s*(.*)$")


def header(text):
    h = {}
    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            h[m.group(1)] = m.group(2).strip()
        elif line.strip() and not line.startswith("--"):
            break
    return h


def ids(s):
    return [x.strip() for x in (s or "").split(",") if x.strip()]


def run_squawk(squawk, path, args, before=()):
    p = subprocess.run([squawk, "--reporter", "json", *args, *before, path], capture_output=True, text=True)
    try:
        found = json.loads(p.stdout) if p.stdout.strip() else []
    except ValueError:
        return ["unreadable-output"]
    if before:
        # only the case file's violations (squawk names the file of each)
        found = [v for v in found if os.path.basename(v.get("file") or path) == os.path.basename(path)]
    return sorted({v.get("rule_name") or "?" for v in found})


def run_ours(jar, path, args, before=()):
    p = subprocess.run(["java", "-jar", jar, "check", "--format", "json", "--hygiene", *args, *before, path],
                       capture_output=True, text=True)
    try:
        f = json.loads(p.stdout)["files"][-1]
    except (ValueError, KeyError, IndexError):
        return None, "exit %d: %s" % (p.returncode, p.stderr.strip()[:200])
    err = f.get("error") or (f.get("parse_errors") and "parse errors: %s" % f["parse_errors"])
    return sorted({x["hazard"] for x in f["findings"]}), err


def judge(found, h):
    missing = [i for i in ids(h.get("expect")) if not any(a in found for a in i.split("|"))]
    wrong = [i for i in ids(h.get("forbid")) if i in found]
    return missing, wrong


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(HERE, "cases"))
    ap.add_argument("--squawk", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--before-jar", help="an older jar: cases it failed and --jar passes count as fixed")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    a = ap.parse_args()

    rows = []
    names = sorted(f for f in os.listdir(a.cases) if f.endswith(".sql") and not f.startswith("_"))
    for n, f in enumerate(names, 1):
        path = os.path.join(a.cases, f)
        h = header(open(path, encoding="utf-8").read())
        sp_args = h.get("sp", "").replace("SCHEMA", os.path.join(a.cases, "_catalog.sql")).split()
        sq_args = h.get("sq", "").split()
        if not any(x.startswith("--pg-version") for x in sq_args):
            sq_args.append("--pg-version=16.0")
        earlier = [os.path.join(a.cases, x) for x in ids(h.get("before"))]
        print("[%d/%d] %s" % (n, len(names), f), file=sys.stderr)
        sq = run_squawk(a.squawk, path, sq_args, earlier)
        sp, err = run_ours(a.jar, path, sp_args, earlier)
        before = None
        if a.before_jar:
            before, _ = run_ours(a.before_jar, path, sp_args, earlier)
        noise = set()
        for k, v in NOISE.items():
            if k not in h.get("compare", ""):
                noise |= v
        sq_c = [r for r in sq if r not in noise]
        sp_c = [i for i in (sp or []) if i not in noise]
        missing, wrong = judge(sp or [], h)
        squawk_only = [r for r in sq_c if MAP.get(r) is None or (MAP[r] and not (MAP[r] & set(sp or [])))]
        squawk_misses = [i for i in sp_c if REV.get(i) and not (REV[i] & set(sq))]
        beyond = [i for i in sp_c if not REV.get(i)]
        why = h.get("why") or h.get("note", "")
        if err or missing or wrong:
            verdict = "OPEN: " + ("we miss " + ",".join(missing) if missing else "") + \
                      (" we over-flag " + ",".join(wrong) if wrong else "") + (" " + err if err else "")
        elif before is not None and any(judge(before, h)):
            bm, bw = judge(before, h)
            verdict = "fixed (" + ("we missed " + ",".join(bm) if bm else "we over-flagged " + ",".join(bw)) + ")"
        elif h.get("verdict"):
            verdict = h["verdict"]
        elif squawk_only:
            verdict = "UNEXPLAINED: squawk only " + ",".join(squawk_only)
        elif squawk_misses:
            verdict = "squawk misses"
        elif beyond and not sq_c:
            verdict = "beyond squawk"
        else:
            verdict = "agree"
        why = h.get("why") or h.get("note", "")
        if beyond and verdict in ("agree", "squawk misses"):
            why = (why + "; " if why else "") + "also " + ", ".join(beyond) + " (no squawk rule)"
        rows.append(dict(case=f[:-4], squawk=sq_c, schemapilot=sp_c, verdict=verdict,
                         why=why, squawk_only=squawk_only,
                         squawk_misses=squawk_misses, beyond=beyond))

    counts = {}
    for r in rows:
        k = r["verdict"].split(" (")[0].split(":")[0]
        counts[k] = counts.get(k, 0) + 1
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(rows, fh, indent=1)
    if a.markdown:
        with open(a.markdown, "w") as fh:
            fh.write("| case | squawk 2.66 | schemapilot | verdict | why |\n|---|---|---|---|---|\n")
            for r in rows:
                cell = lambda xs: ", ".join("`%s`" % x for x in xs) or "—"
                fh.write("| %s | %s | %s | %s | %s |\n" % (r["case"], cell(r["squawk"]), cell(r["schemapilot"]),
                                                         r["verdict"], r["why"].replace("|", "\\|")))
    print("cases: %d" % len(rows))
    for k in sorted(counts):
        print("%s: %d" % (k, counts[k]))
    return 1 if any(r["verdict"].startswith(("OPEN", "UNEXPLAINED")) for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
