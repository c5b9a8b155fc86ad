#!/usr/bin/env python3
"""Seeds a Concord database (migrated, with the demo loaded) with a consultation's worth of
public submissions, and writes the search terms the benchmark draws from.

    python3 bench/seed.py DATABASE OUT_DIR [CONTRIBUTIONS] [PROPOSALS]

DATABASE is a SQLite file or a postgres:// URL (rows then go through `psql ... COPY`).
OUT_DIR receives one file per frequency band (`band-rare.txt`, `band-2pc.txt`, `band-35pc.txt`,
`band-top.txt`, `band-arabic.txt`, `band-chinese.txt`, `band-reference.txt`): search terms,
percent-encoded, one a line, so that a wrk script can vary its query from request to request;
and `submissions.txt`: texts written as the seeded contributions are, for bench/submit.lua.

The texts are written in six languages, each word drawn from a Zipf distribution over its
language's vocabulary (a few hundred real words of the domain first, then made-up words in the
same script), so that searched words range from the most common to the very rare. A share of the
contributions are campaign letters: the same text sent many times, some with a sentence of the
sender's own. Everything is drawn from one seeded generator: two runs write the same corpus.
The rows are written directly, so no campaign is grouped here: `concord group-campaigns`
(which bench/run.sh runs next) files them as submission would have.
"""
import csv
import hashlib
import io
import itertools
import os
import random
import sqlite3
import subprocess
import sys
import urllib.parse
from datetime import datetime, timedelta

LANGUAGES = {  # share of texts, vocabulary size
    "en": (0.45, 40_000),
    "fr": (0.15, 30_000),
    "es": (0.15, 30_000),
    "ar": (0.10, 30_000),
    "ru": (0.08, 30_000),
    "zh": (0.07, 20_000),
}
ZIPF_S = 1.05
CAMPAIGN_SHARE = 0.15
CAMPAIGNS = 40
BATCH = 50_000  # rows per transaction
SUBMISSION_TEXTS = 20_000

SEED_WORDS = {
    "en": "the of and to in migrants migration rights for with states protection work labour "
          "mobility regular pathways return reintegration border governance cooperation data "
          "evidence capacity financing partnerships diaspora remittances children women gender "
          "trafficking smuggling detention alternatives consular assistance integration social "
          "cohesion climate disasters displacement recruitment skills recognition health "
          "education access justice xenophobia discrimination inclusion information identity "
          "documents decent development sustainable national regional global local community",
    "fr": "de la le et les des migrants migration droits pour protection travail décent "
          "coopération frontières intégration mobilité régulière données santé éducation accès "
          "justice enfants femmes genre traite détention réintégration développement durable",
    "es": "de la el y los las migrantes migración derechos para protección trabajo decente "
          "cooperación fronteras integración movilidad regular datos salud educación acceso "
          "justicia niños mujeres género trata detención reintegración desarrollo sostenible",
    "ar": "في من على إلى حقوق المهاجرين الهجرة العمل اللائق التعاون الحدود الإدماج الأطفال "
          "النساء الحماية البيانات الصحة التعليم العدالة التنمية المستدامة الاتجار الاحتجاز",
    "ru": "и в на по права мигрантов миграция защита достойный труд сотрудничество границы "
          "интеграция дети женщины данные здравоохранение образование доступ правосудие развитие",
    "zh": "移民 权利 保护 体面 工作 合作 边境 融入 儿童 妇女 数据 健康 教育 司法 发展 可持续 "
          "贩运 拘留 汇款 侨民 治理 区域 全球 国家 地方 社区 能力 融资 伙伴",
}
LETTERS = {
    "en": ("bcdfghjklmnprstvwz", "aeiou"),
    "fr": ("bcdfghjlmnprstv", "aeiouéèà"),
    "es": ("bcdfgjlmnprstvñ", "aeiouáéíó"),
    "ar": ("بتثجحخدذرزسشصضطظعغفقكلمنهوي", "اوي"),
    "ru": ("бвгджзклмнпрстфхцчш", "аеиоуыэюя"),
}
HAN = ("的一是不了人在有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家"
       "学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经"
       "头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿"
       "者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听"
       "世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马")


def made_up_words(rng, language, count, taken):
    """`count` new words in the script of `language`, none in `taken`."""
    words = []
    while len(words) < count:
        if language == "zh":
            word = rng.choice(HAN) + rng.choice(HAN)
        else:
            consonants, vowels = LETTERS[language]
            word = "".join(rng.choice(consonants) + rng.choice(vowels)
                           for _ in range(rng.randint(2, 4)))
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


class Language:
    """One language's vocabulary with its Zipf weights, ready for `random.choices`."""

    def __init__(self, rng, code, share, size):
        seeds = SEED_WORDS[code].split()
        taken = set(seeds)
        self.code = code
        self.share = share
        self.words = seeds + made_up_words(rng, code, size - len(seeds), taken)
        weights = [1 / (rank ** ZIPF_S) for rank in range(1, len(self.words) + 1)]
        total = sum(weights)
        self.probabilities = [w / total for w in weights]
        self.cum_weights = list(itertools.accumulate(self.probabilities))

    def text(self, rng, words):
        drawn = rng.choices(self.words, cum_weights=self.cum_weights, k=words)
        joiner = "" if self.code == "zh" else " "
        sentences, at = [], 0
        while at < len(drawn):
            n = rng.randint(8, 18)
            sentences.append(joiner.join(drawn[at:at + n]) + ("。" if self.code == "zh" else "."))
            at += n
        return joiner.join(sentences)


def expected_share(language, probability, words_per_text):
    """The expected share of all texts that hold a word of `language` at least once."""
    return language.share * (1 - (1 - probability) ** words_per_text)


def bands(languages, words_per_text, references, rng):
    """Search terms by how many texts hold them."""
    found = {"rare": [], "2pc": [], "35pc": [], "top": [], "arabic": [], "chinese": []}
    for language in languages:
        for word, p in zip(language.words, language.probabilities):
            share = expected_share(language, p, words_per_text)
            if language.code == "zh" and 0.002 <= share <= 0.02:
                found["chinese"].append(word)
            elif language.code == "ar" and 0.002 <= share <= 0.02:
                found["arabic"].append(word)
            if language.code in ("zh", "ar"):
                continue
            if 0.00005 <= share <= 0.0005:
                found["rare"].append(word)
            elif 0.015 <= share <= 0.025:
                found["2pc"].append(word)
            elif 0.30 <= share <= 0.40:
                found["35pc"].append(word)
    english = next(l for l in languages if l.code == "en")
    found["top"] = english.words[:1]
    for name in found:
        rng.shuffle(found[name])
        found[name] = found[name][:500]
    found["reference"] = rng.sample(references, min(500, len(references)))
    return found


def campaign_letters(rng, languages):
    letters = []
    for i in range(CAMPAIGNS):
        language = languages[i % 3]  # English, French and Spanish letters
        title = language.text(rng, rng.randint(5, 8)).rstrip(".")
        letters.append((language, title, language.text(rng, rng.randint(120, 220))))
    return letters


def contributions(rng, languages, count, authors, letters):
    """Rows of the contributions table, and their references."""
    start = datetime(2017, 4, 1)
    shares = [l.share for l in languages]
    for i in range(count):
        author, organisation = rng.choice(authors)
        if rng.random() < CAMPAIGN_SHARE:
            language, title, body = rng.choice(letters)
            if rng.random() < 0.3:  # a sender adds words of their own
                body = body + " " + language.text(rng, rng.randint(10, 30))
        else:
            language = rng.choices(languages, weights=shares)[0]
            title = language.text(rng, rng.randint(4, 9)).rstrip(".。")
            body = language.text(rng, rng.randint(60, 200))
        at = (start + timedelta(seconds=int(i * 20_000_000 / count))).strftime("%Y-%m-%d %H:%M:%S")
        digest = hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
        yield (author, organisation, f"GCM/WC/B{i:07d}", title, body, "submitted", digest,
               at, at, at)


def proposals(rng, languages, count, authors, groups):
    start = datetime(2017, 12, 4)
    shares = [l.share for l in languages]
    for i in range(count):
        author, organisation = rng.choice(authors)
        language = rng.choices(languages, weights=shares)[0]
        title = language.text(rng, rng.randint(4, 9)).rstrip(".。")
        fields = [language.text(rng, rng.randint(8, 40)) for _ in range(10)]
        at = (start + timedelta(seconds=int(i * 5_000_000 / count))).strftime("%Y-%m-%d %H:%M:%S")
        yield (rng.choice(groups), author, organisation, f"GCM/CP/B{i:07d}", title, fields, at)


CONTRIBUTION_COLUMNS = ("process_id, author_id, organisation_id, reference, title, body, status,"
                        " content_hash, created_at, updated_at, submitted_at")
PROPOSAL_COLUMNS = ("process_id, group_id, author_id, organisation_id, reference, status,"
                    " current_version, title, search_text, created_at, updated_at, submitted_at")
VERSION_COLUMNS = ("proposal_id, number, title, commitment, actionable_measures, partnerships,"
                   " capacity_building, financing, data, responsible_actors, sdg_targets, timeline,"
                   " indicators, content_hash, created_by, created_at")


class Sqlite:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")

    def query(self, sql, *args):
        return self.conn.execute(sql.replace("%s", "?"), args).fetchall()

    def insert_contributions(self, process_id, rows):
        # In batches: one transaction of a million rows (and their full-text entries) grows
        # the write-ahead log to many gigabytes before the checkpoint can fold it back.
        rows = iter(rows)
        while batch := list(itertools.islice(rows, BATCH)):
            self.conn.execute("BEGIN")
            self.conn.executemany(
                f"INSERT INTO contributions ({CONTRIBUTION_COLUMNS})"
                f" VALUES ({', '.join('?' * 11)})",
                ((process_id, *row) for row in batch))
            self.conn.execute("COMMIT")

    def insert_proposals(self, process_id, rows):
        self.conn.execute("BEGIN")
        for n, (group, author, organisation, reference, title, fields, at) in enumerate(rows):
            if n and n % BATCH == 0:
                self.conn.execute("COMMIT")
                self.conn.execute("BEGIN")
            search = "\n".join(x.lower() for x in [title] + fields)
            cur = self.conn.execute(
                f"INSERT INTO proposals ({PROPOSAL_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, 'submitted', 1, ?, ?, ?, ?, ?)",
                (process_id, group, author, organisation, reference, title, search, at, at, at))
            digest = hashlib.sha256("\n".join([title] + fields).encode()).hexdigest()
            self.conn.execute(
                f"INSERT INTO proposal_versions ({VERSION_COLUMNS})"
                f" VALUES (?, 1, {', '.join('?' * 14)})",
                (cur.lastrowid, title, *fields, digest, author, at))
        self.conn.execute("COMMIT")

    def execute(self, sql, *args):
        self.conn.execute(sql.replace("%s", "?"), args)
        self.conn.commit()

    def close(self):
        self.conn.execute("PRAGMA optimize")
        self.conn.close()


class Postgres:
    """Rows go through `psql`'s COPY: no Python driver needed."""

    def __init__(self, url):
        self.url = url

    def psql(self, sql, stdin=None):
        # Without triggers (`session_replication_role`): each row's would bump the open-data
        # generation, a million updates of one row in one transaction, each walking the
        # versions the others left (the load never finished). `close` bumps it once.
        env = dict(os.environ, PGOPTIONS="-c session_replication_role=replica")
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", self.url, "-c", sql],
                             input=stdin, capture_output=True, text=True, check=True, env=env)
        return out.stdout

    def query(self, sql, *args):
        for arg in args:
            sql = sql.replace("%s", str(int(arg)) if isinstance(arg, int) else f"'{arg}'", 1)
        return [tuple(int(x) if x.isdigit() else x for x in line.split("\t"))
                for line in self.psql(sql).splitlines() if line]

    def copy(self, table, columns, rows):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        self.psql(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer.getvalue())

    def insert_contributions(self, process_id, rows):
        self.copy("contributions", CONTRIBUTION_COLUMNS, ((process_id, *row) for row in rows))

    def insert_proposals(self, process_id, rows):
        rows = list(rows)
        self.copy("proposals", PROPOSAL_COLUMNS,
                  ((process_id, g, a, o, ref, "submitted", 1, t,
                    "\n".join(x.lower() for x in [t] + f), at, at, at)
                   for g, a, o, ref, t, f, at in rows))
        ids = dict((ref, pid) for pid, ref in self.query(
            "SELECT id, reference FROM proposals WHERE reference LIKE 'GCM/CP/B%'"))
        self.copy("proposal_versions", VERSION_COLUMNS,
                  ((ids[ref], 1, t, *f, hashlib.sha256("\n".join([t] + f).encode()).hexdigest(),
                    a, at) for g, a, o, ref, t, f, at in rows))

    def execute(self, sql, *args):
        self.query(sql, *args)

    def close(self):
        self.psql("UPDATE open_data_generation SET generation = generation + 1")
        self.psql("ANALYZE")


def main():
    database, out_dir = sys.argv[1], sys.argv[2]
    n_contributions = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    n_proposals = int(sys.argv[4]) if len(sys.argv) > 4 else 250_000
    rng = random.Random(2017)
    db = Postgres(database) if database.startswith("postgres") else Sqlite(database)
    ((process_id,),) = db.query("SELECT id FROM processes WHERE slug = %s", "gcm")
    authors = db.query("SELECT id, organisation_id FROM accounts WHERE organisation_id IS NOT NULL")
    groups = [row[0] for row in db.query(
        "SELECT id FROM action_groups WHERE process_id = %s ORDER BY number", process_id)]
    languages = [Language(rng, code, share, size) for code, (share, size) in LANGUAGES.items()]
    letters = campaign_letters(rng, languages)

    db.insert_contributions(process_id, contributions(rng, languages, n_contributions, authors,
                                                      letters))
    db.execute("INSERT INTO contribution_groups (contribution_id, group_id) SELECT id, %s"
               " FROM contributions WHERE reference LIKE 'GCM/WC/B%'", groups[0])
    print(f"{n_contributions} contributions", flush=True)
    db.insert_proposals(process_id, proposals(rng, languages, n_proposals, authors, groups))
    print(f"{n_proposals} proposals", flush=True)
    # The search index is folded in Rust: forget that it was ever built, so that the next
    # `concord reindex` (bench/run.sh) or start of the server indexes these rows as the app
    # indexes what it writes.
    db.execute("DELETE FROM search_index_state")
    db.close()

    references = [f"GCM/WC/B{i:07d}" for i in range(n_contributions)]
    os.makedirs(out_dir, exist_ok=True)
    for name, terms in bands(languages, 130, references, rng).items():
        with open(os.path.join(out_dir, f"band-{name}.txt"), "w", encoding="utf-8") as f:
            f.writelines(urllib.parse.quote(term) + "\n" for term in terms)
        print(f"band {name}: {len(terms)} terms", flush=True)
    # Texts for the benchmark's second submission run: written like the seeded contributions
    # (their own generator, so the corpus and the bands stay as they were), one
    # `title<TAB>body` a line.
    texts = random.Random(2018)
    shares = [l.share for l in languages]
    with open(os.path.join(out_dir, "submissions.txt"), "w", encoding="utf-8") as f:
        for _ in range(SUBMISSION_TEXTS):
            language = texts.choices(languages, weights=shares)[0]
            title = language.text(texts, texts.randint(4, 9)).rstrip(".。")
            f.write(f"{title}\t{language.text(texts, texts.randint(60, 200))}\n")
    print(f"{SUBMISSION_TEXTS} texts to submit", flush=True)


if __name__ == "__main__":
    main()
