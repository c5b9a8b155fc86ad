#!/usr/bin/env python3
"""Seeds a Concord SQLite database (with the demo loaded) with many public submissions.

    python3 bench/seed.py DB [CONTRIBUTIONS] [PROPOSALS]

Rows go straight into the tables in one transaction; SQLite's triggers keep the full-text
indexes in step, as they do for the application's own writes.
"""
import hashlib
import random
import sqlite3
import sys
from datetime import datetime, timedelta

WORDS = (
    "migrants rights protection decent work labour mobility regular pathways return "
    "reintegration border governance cooperation data evidence capacity financing "
    "partnerships diaspora remittances children women gender trafficking smuggling "
    "detention alternatives consular assistance integration social cohesion climate "
    "disasters displacement recruitment skills recognition health education access "
    "justice xenophobia discrimination inclusion information identity documents "
    "droits protection travail décent coopération frontières intégration "
    "حقوق المهاجرين العمل اللائق التعاون الحدود الإدماج الأطفال النساء "
    "移民 权利 保护 体面 工作 合作 边境 融入 儿童 妇女 "
    "права мигрантов защита достойный труд сотрудничество границы интеграция дети"
).split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    db = sys.argv[1]
    contributions = int(sys.argv[2]) if len(sys.argv) > 2 else 250_000
    proposals = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    rng = random.Random(2017)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    cur = conn.cursor()
    (process_id,) = cur.execute("SELECT id FROM processes WHERE slug = 'gcm'").fetchone()
    authors = cur.execute(
        "SELECT id, organisation_id FROM accounts WHERE organisation_id IS NOT NULL"
    ).fetchall()
    groups = [row[0] for row in cur.execute(
        "SELECT id FROM action_groups WHERE process_id = ? ORDER BY number", (process_id,))]
    start = datetime(2017, 4, 1)

    def stamp(i, total):
        return (start + timedelta(seconds=int(i * 20_000_000 / total))).strftime("%Y-%m-%d %H:%M:%S")

    cur.execute("BEGIN")
    rows = []
    for i in range(contributions):
        author, organisation = rng.choice(authors)
        title = sentence(rng, rng.randint(4, 9))
        body = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))
        digest = hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
        at = stamp(i, contributions)
        rows.append((process_id, author, organisation, f"GCM/WC/B{i:06d}", title, body,
                     "submitted", digest, f"{title.lower()}\n{body.lower()}", at, at, at))
    cur.executemany(
        "INSERT INTO contributions (process_id, author_id, organisation_id, reference, title, body,"
        " status, content_hash, search_text, created_at, updated_at, submitted_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    cur.execute("INSERT INTO contribution_groups (contribution_id, group_id)"
                " SELECT id, ? FROM contributions WHERE reference LIKE 'GCM/WC/B%'", (groups[0],))
    print(f"{contributions} contributions", flush=True)

    for i in range(proposals):
        author, organisation = rng.choice(authors)
        group = rng.choice(groups)
        title = sentence(rng, rng.randint(4, 9))
        fields = [sentence(rng, rng.randint(8, 25)) for _ in range(10)]
        at = stamp(i, proposals)
        search = "\n".join(x.lower() for x in [title] + fields)
        cur.execute(
            "INSERT INTO proposals (process_id, group_id, author_id, organisation_id, reference, status,"
            " current_version, title, search_text, created_at, updated_at, submitted_at)"
            " VALUES (?, ?, ?, ?, ?, 'submitted', 1, ?, ?, ?, ?, ?)",
            (process_id, group, author, organisation, f"GCM/CP/B{i:06d}", title, search, at, at, at))
        proposal_id = cur.lastrowid
        digest = hashlib.sha256("\n".join([title] + fields).encode()).hexdigest()
        cur.execute(
            "INSERT INTO proposal_versions (proposal_id, number, title, commitment, actionable_measures,"
            " partnerships, capacity_building, financing, data, responsible_actors, sdg_targets,"
            " timeline, indicators, content_hash, created_by, created_at)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (proposal_id, title, *fields, digest, author, at))
    print(f"{proposals} proposals", flush=True)
    cur.execute("COMMIT")
    conn.execute("PRAGMA optimize")
    conn.close()


if __name__ == "__main__":
    main()
