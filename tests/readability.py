"""Plain language, measured: the Flesch-Kincaid grade (PyPI `textstat`) of every English string a
patient reads in a question: the question, its hint, "why we ask", "where to find this answer",
its bulleted list, the options and the glossary definitions, for every shipped trial (each
content/<ID>/trial.json). Fails if a trial's median is above grade 8; prints each trial's
distribution and hardest strings. Run: python3 tests/readability.py
"""
import json
import statistics
import sys
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent
MEDIAN_LIMIT = 8.0


def strings(trial):
    for q in trial["questions"]:
        yield f"question {q['id']}", q["text"]["en"]
        for field in ("hint", "why", "where_to_find"):
            if q.get(field):
                yield f"question {q['id']} {field}", q[field]["en"]
        for i, item in enumerate(q.get("list", []), 1):
            yield f"question {q['id']} list item {i}", item["en"]
        kind = q["kind"] if isinstance(q["kind"], dict) else {}
        for o in kind.get("choice", {}).get("options", []):
            yield f"question {q['id']} option {o['id']}", o["label"]["en"]
    for g in trial["glossary"]:
        yield f"glossary {g['id']}", g["definition"]["en"]


def main():
    failed = 0
    for path in sorted((ROOT / "content").glob("*/trial.json")):
        failed |= grade(json.loads(path.read_text(encoding="utf-8")))
    return failed


def grade(trial):
    graded = sorted(((textstat.flesch_kincaid_grade(text), place, text) for place, text in strings(trial)), reverse=True)
    grades = [g for g, _, _ in graded]
    median = statistics.median(grades)
    quartiles = statistics.quantiles(grades, n=4)
    print(f"readability: {trial['id']}: {len(grades)} English strings, Flesch-Kincaid grade "
          f"min {min(grades):.1f}, Q1 {quartiles[0]:.1f}, median {median:.1f}, Q3 {quartiles[2]:.1f}, max {max(grades):.1f}")
    buckets = {}
    for g in grades:
        key = "<=4" if g <= 4 else "<=6" if g <= 6 else "<=8" if g <= 8 else "<=10" if g <= 10 else ">10"
        buckets[key] = buckets.get(key, 0) + 1
    print("readability: distribution " + ", ".join(f"{k}: {buckets.get(k, 0)}" for k in ["<=4", "<=6", "<=8", "<=10", ">10"]))
    print("readability: hardest strings:")
    for g, place, text in graded[:5]:
        print(f"  {g:5.1f}  {place}: {text}")
    if median > MEDIAN_LIMIT:
        print(f"readability: FAILED: {trial['id']}: median grade {median:.1f} is above {MEDIAN_LIMIT}")
        return 1
    print(f"readability: {trial['id']}: ok (median {median:.1f} <= {MEDIAN_LIMIT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
