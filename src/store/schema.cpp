// Opening an inventory: file forensics and checks, the schema and its migrations, WAL mode, hardening.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include "store/impl.hpp"

namespace coopmap {

namespace {

/// migrations[v] upgrades a database from version v to v + 1 (v = 0: an empty file).
const char* const migrations[] = {
    R"sql(
CREATE TABLE structures(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  name TEXT NOT NULL,
  siren TEXT,
  rna TEXT,
  legal_family TEXT);
CREATE TABLE aliases(
  id INTEGER PRIMARY KEY,
  alias TEXT NOT NULL UNIQUE CHECK(alias <> ''),
  structure INTEGER NOT NULL REFERENCES structures(id));
CREATE INDEX aliases_structure ON aliases(structure);
CREATE TABLE structure_attributes(
  structure INTEGER NOT NULL REFERENCES structures(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('bool', 'int', 'float', 'str')),
  value,
  PRIMARY KEY(structure, name)) WITHOUT ROWID;
CREATE TABLE groups(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''));
CREATE TABLE affiliations(
  id INTEGER PRIMARY KEY,
  structure INTEGER NOT NULL REFERENCES structures(id),
  grp INTEGER NOT NULL REFERENCES groups(id),
  role TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL DEFAULT '',
  end_date TEXT,
  UNIQUE(structure, grp, role, start_date));
CREATE TABLE link_types(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''),
  label TEXT,
  family TEXT,
  directed INTEGER NOT NULL CHECK(directed IN (0, 1)));
CREATE TABLE link_type_attributes(
  type INTEGER NOT NULL REFERENCES link_types(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(type, name)) WITHOUT ROWID;
CREATE TABLE waves(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK(code <> ''));
CREATE TABLE responses(
  wave INTEGER NOT NULL REFERENCES waves(id),
  structure INTEGER NOT NULL REFERENCES structures(id),
  status TEXT NOT NULL CHECK(status IN ('complete', 'partial', 'refused', 'unreached')),
  PRIMARY KEY(wave, structure)) WITHOUT ROWID;
CREATE TABLE declarations(
  id INTEGER PRIMARY KEY,
  wave INTEGER NOT NULL REFERENCES waves(id),
  declarer INTEGER NOT NULL REFERENCES structures(id),
  declarer_text TEXT,
  partner INTEGER REFERENCES structures(id),
  partner_text TEXT,
  type INTEGER NOT NULL REFERENCES link_types(id),
  direction TEXT,
  intensity REAL,
  frequency TEXT,
  start_date TEXT,
  end_date TEXT,
  source TEXT,
  comment TEXT);
CREATE INDEX declarations_wave ON declarations(wave);
CREATE INDEX declarations_unresolved ON declarations(partner_text) WHERE partner IS NULL;
)sql",
    // v1 -> v2: a wave's declarations are found through the id ranges its imports wrote
    // (one import writes consecutive ids) instead of an index entry per row, which cost
    // about a seventh of an import's time. The spans of a v1 file are its runs of
    // consecutive ids of one wave.
    R"sql(
CREATE TABLE declaration_spans(
  wave INTEGER NOT NULL REFERENCES waves(id),
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  CHECK(first_id <= last_id),
  PRIMARY KEY(wave, first_id)) WITHOUT ROWID;
INSERT INTO declaration_spans(wave, first_id, last_id)
  SELECT wave, min(id), max(id)
  FROM (SELECT id, wave, id - row_number() OVER (PARTITION BY wave ORDER BY id) AS run FROM declarations)
  GROUP BY wave, run;
DROP INDEX declarations_wave;
)sql",
};
constexpr int n_migrations = static_cast<int>(sizeof migrations / sizeof migrations[0]);
static_assert(n_migrations == Inventory::schema_version);

/// Settings of every connection: defensive mode (no writable schema, no direct
/// writes to shadow tables or the file header through SQL), an untrusted schema
/// (functions with side effects and virtual tables cannot be run from the schema),
/// no triggers and no views (coopmap's schema has none: a hostile file cannot run
/// SQL on our reads or writes), no loading of extensions.
void harden(sqlite3* db) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
}

/// The schema objects of a database, sorted, one text each (type, name, table, SQL).
std::vector<std::string> schema_of(sqlite3* db) {
    std::vector<std::string> out;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master", -1, &s, nullptr) ==
        SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::string row;
            for (int c = 0; c < 4; ++c) {
                const auto* t = sqlite3_column_text(s, c);
                row += t ? reinterpret_cast<const char*>(t) : "";
                row += '\x1f';
            }
            out.push_back(std::move(row));
        }
    }
    const int rc = sqlite3_finalize(s);
    if (rc != SQLITE_OK) out.assign(1, "\x1e");  // unreadable: never equal to a real schema
    std::sort(out.begin(), out.end());
    return out;
}

/// The schema objects (type, name, table, SQL) of coopmap's schema version `version`,
/// read from an in-memory database built with the first `version` migrations.
std::vector<std::string> expected_schema(int version) {
    sqlite3* mem = nullptr;
    std::vector<std::string> out;
    if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        for (int v = 0; v < version && v < n_migrations; ++v)
            sqlite3_exec(mem, migrations[v], nullptr, nullptr, nullptr);
        out = schema_of(mem);
    }
    sqlite3_close_v2(mem);
    return out;
}

}  // namespace

/// Opens the connection: read-write (creating the file) or read-only; `immutable`:
/// SQLite's immutable mode (no locks, no -wal or -shm file, the file assumed never to
/// change), for a read-only inventory where those files cannot be created.
void Inventory::Impl::connect(bool immutable) {
    if (db) {
        sqlite3_close_v2(db);
        db = nullptr;
    }
    // NOMUTEX: an Inventory is used by one thread at a time (documented; the Python
    // binding serialises calls).
    int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (immutable) {
        flags |= SQLITE_OPEN_URI;
        name = "file:";
        if (path.front() == '/') name += "//";  // an empty authority: "//x" stays a path
        for (const char ch : path) {
            const auto c = static_cast<unsigned char>(ch);
            if (c <= 0x20 || c >= 0x7f || c == '%' || c == '?' || c == '#') {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", c);
                name += hex;
            } else name += ch;
        }
        name += "?immutable=1";
    }
    if (sqlite3_open_v2(name.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string m = db ? sqlite3_errmsg(db) : "out of memory";
        throw storage_error(path + ": cannot open the inventory: " + m);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    harden(db);
}

/// The first read of the file (its schema): SQLITE_OK or the error code.
int Inventory::Impl::first_read() const {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &s, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(s) == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode(db);
    else rc = sqlite3_extended_errcode(db);
    sqlite3_finalize(s);
    return rc;
}

/// Opens the file; an existing one ("from elsewhere") is checked before anything is
/// written to it (WAL mode, migration): a refused file is left exactly as it was.
void Inventory::Impl::open(const InventoryOptions& opt) {
    readonly = opt.readonly;
    busy_timeout_ms = opt.busy_timeout_ms;
    // A file that exists and is not empty comes "from elsewhere" (another process,
    // another researcher): it is checked (integrity, foreign keys, schema) below.
    bool existing = false;
    {
        std::error_code ec;
        existing = path != ":memory:" && std::filesystem::is_regular_file(path, ec) &&
                   std::filesystem::file_size(path, ec) > 0 && !ec;
    }
    connect(false);
    if (existing) check_file_size();
    // New files get 16 KiB pages (SQLite's default is 4 KiB): a million-declaration
    // import then commits a quarter as many WAL frames (two writes each, then a read
    // and a write each when checkpointed), about 0.05 s of its 0.2 s commit.
    if (!existing && !readonly) exec("PRAGMA page_size = 16384");
    exec("PRAGMA foreign_keys = ON");  // outside any transaction, where it is a no-op
    if (pragma_int("PRAGMA foreign_keys") != 1)
        throw storage_error(path + ": this SQLite library cannot enforce foreign keys");
    // The first read opens a WAL-mode file's -wal and -shm files, creating them when
    // absent. Read-only, where they cannot be created (read-only media: SQLITE_CANTOPEN,
    // or SQLITE_READONLY_* for a -shm file that cannot be written), the file is read in
    // SQLite's immutable mode: no locks and no -wal or -shm file.
    int rc = first_read();
    if (rc != SQLITE_OK && readonly && ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY)) {
        connect(true);
        exec("PRAGMA foreign_keys = ON");
        rc = first_read();
    }
    if (rc != SQLITE_OK) {
        const int code = rc & 0xff;
        std::string m = sqlite3_errmsg(db);
        if (code == SQLITE_CORRUPT)
            throw storage_error(path + ": the inventory is damaged (" + m + "); restore it from a copy");
        if (code == SQLITE_NOTADB)
            throw storage_error(path + ": not a coopmap database (the file is not an SQLite database: " + m + ")");
        if (!readonly && (code == SQLITE_CANTOPEN || code == SQLITE_READONLY))
            m += " (read-only media? open it with readonly = true)";
        throw storage_error(path + ": cannot read the inventory: " + m);
    }
    std::int64_t version = 0;
    {
        // One read transaction: the header and the checks see one state of the file,
        // even while another process creates or migrates it.
        ReadTx tx(this);
        std::int64_t app = 0, objects = 0;
        {
            auto s = prepare(
                "SELECT (SELECT count(*) FROM sqlite_master), (SELECT application_id FROM pragma_application_id), "
                "(SELECT user_version FROM pragma_user_version)");
            if (s.step()) {
                objects = s.integer(0);
                app = s.integer(1);
                version = s.integer(2);
            }
        }
        if (app != application_id && !(app == 0 && objects == 0 && version == 0))
            throw storage_error(path + ": not a coopmap database (an SQLite file with application_id " +
                                std::to_string(app) + " and " + std::to_string(objects) +
                                " schema objects; coopmap files have application_id 0x434F4F50)");
        if (version > schema_version)
            throw storage_error(path + ": the inventory has schema version " + std::to_string(version) +
                                ", newer than the version this coopmap reads (" + std::to_string(schema_version) +
                                "); upgrade coopmap");
        if (version < 0)
            throw storage_error(path + ": not a coopmap database (schema version " + std::to_string(version) + ")");
        // Before the checks: integrity_check walks every table and index, and with
        // SQLite's default 2 MiB cache it re-read each page dozens of times (855,000
        // reads of a 16,500-page file of a million declarations).
        exec("PRAGMA cache_size = -262144");  // up to 256 MiB: a million-row import stays in memory until commit
        // A file of an older version is checked in its own schema, before the migration.
        if (existing) check_foreign_file(static_cast<int>(version));
    }
    if (!readonly) {
        set_wal();
        exec("PRAGMA synchronous = NORMAL");
    }
    exec("PRAGMA temp_store = MEMORY");
    if (version < schema_version) {
        if (readonly)
            throw storage_error(path + ": the inventory has schema version " + std::to_string(version) +
                                " and must be upgraded, but it is opened read-only");
        migrate();
    }
}

/// PRAGMA journal_mode = WAL, retried until busy_timeout_ms has passed: changing the
/// journal mode of a file needs its exclusive lock, and SQLite answers SQLITE_BUSY at
/// once, without calling the busy handler, when another connection holds a lock (four
/// processes creating the same file, say).
void Inventory::Impl::set_wal() const {
    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::milliseconds(std::max(0, busy_timeout_ms));
    for (int attempt = 0;; ++attempt) {
        const int rc = sqlite3_exec(conn(), "PRAGMA journal_mode = WAL", nullptr, nullptr, nullptr);
        if (rc == SQLITE_OK) return;
        if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) || clock::now() >= deadline)
            fail_db(db, path, "switching the inventory to WAL mode");
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(20, 1 << std::min(attempt, 5))));
    }
}
/// A truncated file: SQLite reads the missing end of the last page as zeros, which
/// integrity_check may not notice. An SQLite file is a whole number of pages, and
/// when the header's page count is valid (change counter = version-valid-for) and
/// no write-ahead log holds later pages, the file has at least that many pages.
void Inventory::Impl::check_file_size() const {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size < 100) return;  // SQLite itself refuses these
    unsigned char h[100];
    {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) return;
        const auto got = std::fread(h, 1, sizeof h, f);
        std::fclose(f);
        if (got != sizeof h) return;
    }
    if (std::memcmp(h, "SQLite format 3", 16) != 0) return;  // not SQLite: refused as such by the caller
    auto be32 = [&](int at) {
        return (std::uint32_t{h[at]} << 24) | (std::uint32_t{h[at + 1]} << 16) | (std::uint32_t{h[at + 2]} << 8) |
               std::uint32_t{h[at + 3]};
    };
    std::uint64_t page = (std::uint64_t{h[16]} << 8) | h[17];
    if (page == 1) page = 65536;
    if (page < 512 || (page & (page - 1)) != 0) return;  // not a valid page size: SQLite refuses the file
    const auto damaged = [&](const std::string& what) {
        throw storage_error(path + ": the inventory is damaged (" + what + "); restore it from a copy");
    };
    if (size % page != 0)
        damaged("the file is " + std::to_string(size) + " bytes, not a whole number of " + std::to_string(page) +
                "-byte pages: it was truncated");
    std::error_code wec;
    const auto wal = std::filesystem::file_size(path + "-wal", wec);
    const bool wal_empty = wec || wal == 0;
    if (be32(24) == be32(92) && wal_empty && std::uint64_t{be32(28)} * page > size)
        damaged("the header counts " + std::to_string(be32(28)) + " pages, the file holds " +
                std::to_string(size / page) + ": it was truncated");
}

/// An existing file (from elsewhere) of schema version `version`: its schema is
/// exactly coopmap's schema of that version (no extra table, trigger or view, no
/// altered column), PRAGMA integrity_check says ok and PRAGMA foreign_key_check finds
/// nothing. Only reads: a file refused here is left as it was (an older file is
/// migrated only after these checks passed). Cost: integrity_check reads the whole
/// file and checks every index, O(N log N) for N rows (0.28 s for 200 000
/// declarations); it runs once per open.
void Inventory::Impl::check_foreign_file(int version) const {
    const auto schema = schema_of(db);
    if (schema.size() == 1 && schema[0] == "\x1e")
        throw storage_error(path + ": the inventory is damaged (its schema cannot be read: " + sqlite3_errmsg(db) +
                            "); restore it from a copy");
    if (schema != expected_schema(version))
        throw storage_error(path +
                            ": not a coopmap database (its schema differs from coopmap's: extra or altered "
                            "tables, indexes, triggers or views)");
    auto bad = [&](const std::string& what) {
        throw storage_error(path + ": the inventory is damaged (" + what + "); restore it from a copy");
    };
    try {
        auto s = prepare("PRAGMA integrity_check(20)");
        std::string problems;
        while (s.step()) {
            std::string r(s.text(0));
            if (r == "ok") continue;
            problems += (problems.empty() ? "" : "; ") + r;
        }
        if (!problems.empty()) bad("integrity_check: " + problems.substr(0, 500));
        auto f = prepare("PRAGMA foreign_key_check");
        if (f.step())
            bad("foreign_key_check: table " + std::string(f.text(0)) + " has a row whose " + std::string(f.text(2)) +
                " reference is missing");
        // Every query of a wave reads its declarations through declaration_spans: the
        // spans must not overlap and must hold every declaration, each in a span of
        // its own wave (disjoint spans count each row at most once). A version 1 file
        // has none: its migration derives them from the declarations.
        if (version < 2) return;
        auto overlap = prepare(
            "SELECT 1 FROM (SELECT first_id, lag(last_id) OVER (ORDER BY first_id) AS prev FROM declaration_spans) "
            "WHERE first_id <= prev LIMIT 1");
        if (overlap.step()) bad("declaration_spans overlap");
        auto covered = prepare(
            "SELECT (SELECT count(*) FROM declarations) = (SELECT count(*) FROM declaration_spans s JOIN declarations "
            "d "
            "ON d.id BETWEEN s.first_id AND s.last_id AND d.wave = s.wave)");
        if (covered.step() && covered.integer(0) != 1) bad("declarations outside the declaration_spans of their wave");
    } catch (const storage_error& e) {
        const std::string m = e.what();
        if (m.find("is damaged") != std::string::npos) throw;
        bad(m);
    }
}

void Inventory::Impl::migrate() {
    Tx tx(this);
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const auto v0 = pragma_int("PRAGMA user_version");
    if (v0 < 0 || v0 > schema_version)
        throw storage_error(path + ": not a coopmap database (schema version " + std::to_string(v0) + ")");
    if (v0 == 0 && pragma_int("SELECT count(*) FROM sqlite_master") != 0)
        throw storage_error(path + ": not a coopmap database (an SQLite file with other tables)");
    for (auto v = v0; v < schema_version; ++v) exec(migrations[v]);
    exec(("PRAGMA application_id = " + std::to_string(application_id)).c_str());
    exec(("PRAGMA user_version = " + std::to_string(schema_version)).c_str());
    tx.commit();
}

}  // namespace coopmap
