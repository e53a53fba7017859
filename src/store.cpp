// The SQLite inventory (coopmap/store.hpp). The only translation unit that includes sqlite3.h.
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <system_error>
#include <thread>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "coopmap/detail/csv_reader.hpp"
#include "coopmap/detail/csv_values.hpp"
#include "coopmap/detail/first_repeat.hpp"
#include "coopmap/detail/flat_string_map.hpp"
#include "coopmap/detail/handoff.hpp"
#include "coopmap/io.hpp"
#include "coopmap/store.hpp"
#include "csv_rows.hpp"

namespace coopmap {

View parse_view(std::string_view name) {
    if (name == "union") return View::union_;
    if (name == "confirmed") return View::confirmed;
    if (name == "reconstructed") return View::reconstructed;
    throw input_error("unknown view '" + std::string(name) + "' (expected union, confirmed or reconstructed)");
}

std::string_view view_name(View v) noexcept {
    switch (v) {
        case View::union_: return "union";
        case View::confirmed: return "confirmed";
        case View::reconstructed: return "reconstructed";
    }
    return "union";
}

namespace {

using detail::CsvReader;

// ---- thin SQLite wrappers -------------------------------------------------------------

[[noreturn]] void fail_db(sqlite3* db, const std::string& path, const std::string& what) {
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        msg += " (another process holds the write lock; retry when its import is done)";
    throw storage_error(path + ": " + what + ": " + msg);
}

/// Dense indices 0 .. n-1 of the ids of one table, added in ascending order: how a query
/// turns the ids it reads into array indices. Memory is O(n) whatever the id values (a
/// file from elsewhere may hold ids near 2^63): a direct table when the ids are dense, as
/// in every file coopmap writes (largest id <= 2n + 1024), else a binary search of the
/// sorted ids. find() of any other value (0, negative, unknown) is npos.
class IdIndex {
public:
    static constexpr std::uint32_t npos = UINT32_MAX;
    /// False when id is not a positive integer above the previous one (a damaged file).
    bool add(std::int64_t id) {
        if (id < 1 || (!ids_.empty() && id <= ids_.back()) || ids_.size() >= npos) return false;
        ids_.push_back(id);
        return true;
    }
    void finish() {
        direct_.clear();
        if (ids_.empty() || static_cast<std::uint64_t>(ids_.back()) > 2 * static_cast<std::uint64_t>(ids_.size()) + 1024)
            return;
        direct_.assign(static_cast<std::size_t>(ids_.back()) + 1, npos);
        for (std::size_t i = 0; i < ids_.size(); ++i) direct_[static_cast<std::size_t>(ids_[i])] = static_cast<std::uint32_t>(i);
    }
    std::uint32_t find(std::int64_t id) const {
        if (!direct_.empty())
            return id > 0 && static_cast<std::uint64_t>(id) < direct_.size() ? direct_[static_cast<std::size_t>(id)] : npos;
        const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
        return it != ids_.end() && *it == id ? static_cast<std::uint32_t>(it - ids_.begin()) : npos;
    }
    std::size_t size() const noexcept { return ids_.size(); }

private:
    std::vector<std::int64_t> ids_;
    std::vector<std::uint32_t> direct_;
};

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, const std::string* path, std::string_view sql) : db_(db), path_(path) {
        if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s_, nullptr) !=
            SQLITE_OK)
            fail_db(db, *path, "preparing statement");
    }
    ~Stmt() {
        if (s_) sqlite3_finalize(s_);
    }
    Stmt(Stmt&& o) noexcept : s_(o.s_), db_(o.db_), path_(o.path_), table_(o.table_), key_(o.key_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept {
        std::swap(s_, o.s_);
        db_ = o.db_;
        path_ = o.path_;
        table_ = o.table_;
        key_ = o.key_;
        return *this;
    }

    /// Names the rows read, for the messages of bad(): rows of `table` identified by the
    /// result columns of `key` ("id" for a table with an id; "wave, structure" for
    /// responses...), the first columns of the result.
    Stmt& rows_of(const char* table, const char* key) {
        table_ = table;
        key_ = key;
        return *this;
    }
    /// A stored value coopmap never writes (a file damaged or edited by another program):
    /// storage_error naming the table, the row and the column, with the value.
    [[noreturn]] void bad(int i, const std::string& what) const {
        const char* column = sqlite3_column_name(s_, i);
        throw storage_error(*path_ + ": the inventory is damaged or was edited by another program (table " +
                            (table_ ? table_ : "?") + ", row " + row() + ", column " + (column ? column : "?") + ": " +
                            shown(i) + " is " + what + "); restore it from a copy");
    }
    /// The current row's key, as "id 5" or "(wave 1, structure 3)".
    std::string row() const {
        std::string out, key = key_ ? key_ : "";
        int n = 0;
        for (std::size_t at = 0; !key.empty() && at != std::string::npos; ++n) {
            const auto comma = key.find(',', at);
            std::string name = key.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            name.erase(0, name.find_first_not_of(' '));
            out += (n ? ", " : "") + name + " " + shown(n);
            at = comma == std::string::npos ? comma : comma + 1;
        }
        if (n == 0) return "?";
        return n == 1 ? out : "(" + out + ")";
    }
    /// A stored value for a message: NULL, a number, a text quoted (at most 40 bytes;
    /// bytes outside printable ASCII as \xHH) or the size of a blob.
    std::string shown(int i) const {
        switch (sqlite3_column_type(s_, i)) {
            case SQLITE_NULL: return "NULL";
            case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(s_, i));
            case SQLITE_FLOAT: return format_double(sqlite3_column_double(s_, i));
            case SQLITE_BLOB: return "a blob of " + std::to_string(sqlite3_column_bytes(s_, i)) + " bytes";
            default: break;
        }
        const auto t = bytes(i);
        std::string out = "'";
        for (std::size_t k = 0; k < t.size() && k < 40; ++k) {
            const auto c = static_cast<unsigned char>(t[k]);
            if (c >= 0x20 && c < 0x7f && c != '\\') out += static_cast<char>(c);
            else {
                char hex[5];
                std::snprintf(hex, sizeof hex, "\\x%02X", c);
                out += hex;
            }
        }
        return out + (t.size() > 40 ? "...'" : "'");
    }
    /// A positive integer (an id or a reference to one), else bad().
    std::int64_t id(int i) const {
        if (sqlite3_column_type(s_, i) == SQLITE_INTEGER)
            if (const auto v = sqlite3_column_int64(s_, i); v > 0) return v;
        bad(i, "not a positive integer id");
    }
    /// The index in `index` of the id held by column i (a reference to a row of
    /// `table`), else bad().
    std::uint32_t ref(int i, const IdIndex& index, const char* table) const {
        const auto k = sqlite3_column_type(s_, i) == SQLITE_INTEGER ? index.find(sqlite3_column_int64(s_, i)) : IdIndex::npos;
        if (k == IdIndex::npos) bad(i, std::string("not the id of a row of ") + table);
        return k;
    }
    /// A flag stored as 0 or 1, else bad().
    bool flag(int i) const {
        if (sqlite3_column_type(s_, i) == SQLITE_INTEGER) {
            const auto v = sqlite3_column_int64(s_, i);
            if (v == 0 || v == 1) return v == 1;
        }
        bad(i, "not 0 or 1");
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(s_, i, v)); }
    Stmt& bind(int i, double v) { return check(sqlite3_bind_double(s_, i, v)); }
    /// Text is bound without copy: it must live until step().
    Stmt& bind(int i, std::string_view v) {
        return check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
    }
    Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, std::string_view(*v)) : null(i); }
    Stmt& bind(int i, const std::optional<double>& v) { return v ? bind(i, *v) : null(i); }
    /// Empty text -> NULL.
    Stmt& bind_or_null(int i, std::string_view v) { return v.empty() ? null(i) : bind(i, v); }
    Stmt& null(int i) { return check(sqlite3_bind_null(s_, i)); }

    /// True while a row is available.
    bool step() {
        const int rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        sqlite3_reset(s_);
        fail_db(db_, *path_, "executing statement");
    }
    void exec() {
        run();
        sqlite3_clear_bindings(s_);
    }
    void reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    /// exec() for a statement whose every parameter is bound before each run: the
    /// bindings are left for the next run to overwrite, not cleared.
    void run() {
        while (step()) {
        }
        sqlite3_reset(s_);
    }
    bool is_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
    std::int64_t integer(int i) const { return sqlite3_column_int64(s_, i); }
    double real(int i) const { return sqlite3_column_double(s_, i); }
    /// Stored text, which must follow the rule (TextRule::text: XML 1.0 characters;
    /// TextRule::identifier for ids, aliases, codes and attribute names). Invalid UTF-8 or a
    /// refused character (never written by coopmap: every import is validated) means a
    /// damaged or foreign file: storage_error naming the table, row and column.
    std::string_view text(int i, TextRule rule = TextRule::text) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
        const std::string_view t =
            p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string_view();
        if (const auto r = detail::first_refused(t, rule);
            r.offset != std::string_view::npos && r.code_point != detail::kInvalidUtf8) {
            if (table_) bad(i, "a text with a character coopmap refuses (" + text_fault(t, rule) + ")");
            throw storage_error(*path_ + ": the inventory is damaged or was edited by another program (column " +
                                std::string(sqlite3_column_name(s_, i) ? sqlite3_column_name(s_, i) : "?") + ": " +
                                text_fault(t, rule) + "); restore it from a copy");
        } else if (r.offset != std::string_view::npos) {
            if (table_) bad(i, "not valid UTF-8 text");
            throw storage_error(*path_ + ": the inventory is damaged (invalid UTF-8 in a stored text: column " +
                                std::string(sqlite3_column_name(s_, i) ? sqlite3_column_name(s_, i) : "?") +
                                "); restore it from a copy");
        }
        return t;
    }
    /// Stored text unchecked, for values only compared with fixed ASCII texts or
    /// checked by the caller (text() otherwise).
    std::string_view bytes(int i) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string_view();
    }
    std::optional<std::string> opt_text(int i) const {
        if (is_null(i)) return std::nullopt;
        return std::string(text(i));
    }
    std::optional<double> opt_real(int i) const {
        if (is_null(i)) return std::nullopt;
        return real(i);
    }
    int type(int i) const { return sqlite3_column_type(s_, i); }

private:
    Stmt& check(int rc) {
        if (rc != SQLITE_OK) fail_db(db_, *path_, "binding a parameter");
        return *this;
    }
    sqlite3_stmt* s_ = nullptr;
    sqlite3* db_ = nullptr;
    const std::string* path_ = nullptr;
    const char* table_ = nullptr;  // rows_of()
    const char* key_ = nullptr;
};

/// An attribute value as store_attribute writes it: kind 'bool' (0 or 1), 'int' (an
/// integer), 'float' (a number; NULL for NaN) or 'str' (a text); anything else is bad().
Value stored_attribute(const Stmt& t, int kind, int value) {
    const auto k = t.bytes(kind);
    const int type = t.type(value);
    if (k == "bool") return Value(t.flag(value));
    if (k == "int") {
        if (type != SQLITE_INTEGER) t.bad(value, "not an integer (an attribute of kind int)");
        return Value(t.integer(value));
    }
    if (k == "float") {
        if (type == SQLITE_NULL) return Value(std::numeric_limits<double>::quiet_NaN());
        if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) t.bad(value, "not a number (an attribute of kind float)");
        return Value(t.real(value));
    }
    if (k == "str") {
        if (type != SQLITE_TEXT) t.bad(value, "not a text (an attribute of kind str)");
        return Value(std::string(t.text(value)));
    }
    t.bad(kind, "not bool, int, float or str");
}

// ---- schema ------------------------------------------------------------------------------

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

enum Dir : std::uint8_t { dir_none = 0, dir_out = 1, dir_in = 2, dir_both = 3 };

/// A stored direction: NULL (out, the default), 'out', 'in' or 'both', as the importer
/// writes it; anything else is bad() (it used to drop the declaration silently).
std::uint8_t stored_direction(const Stmt& s, int i) {
    if (s.is_null(i)) return dir_out;
    const auto t = s.bytes(i);
    if (t == "out") return dir_out;
    if (t == "in") return dir_in;
    if (t == "both") return dir_both;
    s.bad(i, "not out, in or both");
}


struct NameRef {
    std::int64_t rowid;
    bool alias;
};

struct TypeRef {
    std::int64_t rowid;
    bool directed;
};

/// Key of a declaration within a wave.
struct DeclKey {
    std::int64_t declarer;
    std::int64_t partner;  // structure rowid (> 0), or -(unresolved text number)
    std::int64_t type;
    std::uint8_t dir;      // effective direction: none for undirected types, out when not given
    friend bool operator==(const DeclKey&, const DeclKey&) = default;
};
struct DeclKeyHash {
    std::size_t operator()(const DeclKey& k) const noexcept {
        std::uint64_t h = static_cast<std::uint64_t>(k.declarer) * 0x9E3779B97F4A7C15ULL;
        h ^= static_cast<std::uint64_t>(k.partner) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
        h ^= static_cast<std::uint64_t>(k.type) * 0xC2B2AE3D27D4EB4FULL + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h ^ k.dir);
    }
};

/// Stored fields of a declaration besides its key.
struct DeclFields {
    std::optional<std::string> declarer_text, partner_text, direction;
    std::optional<double> intensity;
    std::optional<std::string> frequency, start, end, source, comment;
    friend bool operator==(const DeclFields&, const DeclFields&) = default;
};

std::optional<std::string> opt(std::string_view s) {
    if (s.empty()) return std::nullopt;
    return std::string(s);
}

struct StructureRow {
    std::int64_t rowid;
    std::string code, name;
    std::optional<std::string> siren, rna, legal_family;
    std::vector<std::string> aliases;
    Attributes attributes;
};

/// Compact derived link (indices into the loaded tables).
struct CLink {
    index_t s, t;        // dense structure indices (inventory order)
    std::uint32_t type;  // index into Ctx::types
    std::uint8_t bits;   // 1: declared by s, 2: declared by t
    std::uint8_t status; // 0 confirmed, 1 unconfirmed, 2 partner_did_not_respond
    std::uint32_t n;     // declarations merged
    double weight;
    std::uint32_t start, end;  // date indices, 0 = none
};

/// One declaration as read for derivation, oriented (s, t); merged into CLinks.
struct Arc {
    index_t s, t;
    std::uint32_t type;
    std::uint8_t bits;         // 1: declared by s, 2: declared by t
    double w;
    std::uint32_t start, end;  // date indices; end: UINT32_MAX when open
};

/// The declarations of wave ?1 (alias d), read through the id ranges its imports wrote
/// (declaration_spans), in storage order.
constexpr const char* kWaveDeclarations =
    " FROM declaration_spans s JOIN declarations d ON d.id BETWEEN s.first_id AND s.last_id"
    " WHERE s.wave = ?1 AND d.wave = ?1";

const char* const status_names[] = {"confirmed", "unconfirmed", "partner_did_not_respond"};
/// The statuses of a response row; the first two count as having responded.
const std::string_view response_statuses[] = {"complete", "partial", "refused", "unreached"};

bool keep(View v, std::uint8_t status) {
    switch (v) {
        case View::union_: return true;
        case View::confirmed: return status == 0;
        case View::reconstructed: return status != 1;
    }
    return true;
}

}  // namespace

// ---- the implementation -------------------------------------------------------------------------

struct Inventory::Impl {
    std::string path;
    sqlite3* db = nullptr;
    bool readonly = false;
    int busy_timeout_ms = 10000;

    ~Impl() {
        if (db) sqlite3_close_v2(db);
    }

    sqlite3* conn() const {
        if (!db) throw storage_error(path + ": the inventory is closed");
        return db;
    }
    Stmt prepare(std::string_view sql) const { return Stmt(conn(), &path, sql); }
    void exec(const char* sql) const {
        char* err = nullptr;
        if (sqlite3_exec(conn(), sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string m = err ? err : "unknown error";
            sqlite3_free(err);
            throw storage_error(path + ": " + m);
        }
    }
    std::int64_t pragma_int(const char* sql) const {
        auto s = prepare(sql);
        return s.step() ? s.integer(0) : 0;
    }

    /// A read snapshot: the statements of one query see one state of the file even
    /// when another process commits an import meanwhile (WAL). Nested uses are no-ops.
    mutable bool in_read = false;
    struct ReadTx {
        const Impl* impl;
        bool owner = false;
        explicit ReadTx(const Impl* i) : impl(i) {
            if (impl->in_read) return;
            impl->exec("BEGIN");
            impl->in_read = owner = true;
        }
        ~ReadTx() {
            if (!owner) return;
            impl->in_read = false;
            if (impl->db && sqlite3_exec(impl->db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
                sqlite3_exec(impl->db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        ReadTx(const ReadTx&) = delete;
        ReadTx& operator=(const ReadTx&) = delete;
    };

    /// A write transaction rolled back unless committed.
    struct Tx {
        const Impl* impl;
        bool done = false;
        explicit Tx(const Impl* i) : impl(i) { impl->exec("BEGIN IMMEDIATE"); }
        void commit() {
            impl->exec("COMMIT");
            done = true;
        }
        ~Tx() {
            if (!done && impl->db) sqlite3_exec(impl->db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    };

    /// PRAGMA foreign_keys = OFF for the lifetime of the guard (outside any transaction).
    struct ForeignKeysOff {
        const Impl* impl;
        explicit ForeignKeysOff(const Impl* i) : impl(i) { impl->exec("PRAGMA foreign_keys = OFF"); }
        ~ForeignKeysOff() {
            if (impl->db) sqlite3_exec(impl->db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
        }
        ForeignKeysOff(const ForeignKeysOff&) = delete;
        ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    };

    /// Opens the connection: read-write (creating the file) or read-only; `immutable`:
    /// SQLite's immutable mode (no locks, no -wal or -shm file, the file assumed never to
    /// change), for a read-only inventory where those files cannot be created.
    void connect(bool immutable) {
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
    int first_read() const {
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &s, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(s) == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode(db);
        else rc = sqlite3_extended_errcode(db);
        sqlite3_finalize(s);
        return rc;
    }

    /// Opens the file; an existing one ("from elsewhere") is checked before anything is
    /// written to it (WAL mode, migration): a refused file is left exactly as it was.
    void open(const InventoryOptions& opt) {
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
    void set_wal() const {
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

    /// Settings of every connection: defensive mode (no writable schema, no direct
    /// writes to shadow tables or the file header through SQL), an untrusted schema
    /// (functions with side effects and virtual tables cannot be run from the schema),
    /// no triggers and no views (coopmap's schema has none: a hostile file cannot run
    /// SQL on our reads or writes), no loading of extensions.
    static void harden(sqlite3* db) {
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    }

    /// The schema objects (type, name, table, SQL) of coopmap's schema version `version`,
    /// read from an in-memory database built with the first `version` migrations.
    static std::vector<std::string> expected_schema(int version) {
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
    static std::vector<std::string> schema_of(sqlite3* db) {
        std::vector<std::string> out;
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master", -1, &s,
                               nullptr) == SQLITE_OK) {
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

    /// A truncated file: SQLite reads the missing end of the last page as zeros, which
    /// integrity_check may not notice. An SQLite file is a whole number of pages, and
    /// when the header's page count is valid (change counter = version-valid-for) and
    /// no write-ahead log holds later pages, the file has at least that many pages.
    void check_file_size() const {
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
    void check_foreign_file(int version) const {
        const auto schema = schema_of(db);
        if (schema.size() == 1 && schema[0] == "\x1e")
            throw storage_error(path + ": the inventory is damaged (its schema cannot be read: " +
                                sqlite3_errmsg(db) + "); restore it from a copy");
        if (schema != expected_schema(version))
            throw storage_error(path +
                                ": not a coopmap database (its schema differs from coopmap's: extra or altered "
                                "tables, indexes, triggers or views)");
        auto bad = [&](const std::string& what) {
            throw storage_error(path + ": the inventory is damaged (" + what +
                                "); restore it from a copy");
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
            if (f.step()) bad("foreign_key_check: table " + std::string(f.text(0)) + " has a row whose " +
                              std::string(f.text(2)) + " reference is missing");
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
                "SELECT (SELECT count(*) FROM declarations) = (SELECT count(*) FROM declaration_spans s JOIN declarations d "
                "ON d.id BETWEEN s.first_id AND s.last_id AND d.wave = s.wave)");
            if (covered.step() && covered.integer(0) != 1) bad("declarations outside the declaration_spans of their wave");
        } catch (const storage_error& e) {
            const std::string m = e.what();
            if (m.find("is damaged") != std::string::npos) throw;
            bad(m);
        }
    }

    void migrate() {
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

    // ---- lookups --------------------------------------------------------------------------

    detail::FlatStringMap<NameRef> load_names() const {
        detail::FlatStringMap<NameRef> names;
        {
            // sized once, where growing rehashed every entry at each doubling
            auto n = prepare("SELECT (SELECT count(*) FROM structures) + (SELECT count(*) FROM aliases)");
            if (n.step()) names.reserve(static_cast<std::size_t>(n.integer(0)));
        }
        // Ids are positive (the importer keys unresolved partners by negative numbers) and
        // every alias names a stored structure (code_of looks it up).
        auto s = prepare("SELECT id, code FROM structures");
        s.rows_of("structures", "id");
        while (s.step()) names.emplace(s.text(1), NameRef{s.id(0), false});
        auto a = prepare(
            "SELECT a.id, a.alias, a.structure, s.id IS NULL FROM aliases a LEFT JOIN structures s ON s.id = a.structure");
        a.rows_of("aliases", "id");
        while (a.step()) {
            if (a.integer(3)) a.bad(2, "not the id of a row of structures");
            names.emplace(a.text(1), NameRef{a.id(2), true});
        }
        return names;
    }
    StringMap<TypeRef> load_types() const {
        StringMap<TypeRef> types;
        auto s = prepare("SELECT id, code, directed FROM link_types");
        s.rows_of("link_types", "id");
        while (s.step()) types.emplace(std::string(s.text(1)), TypeRef{s.id(0), s.flag(2)});
        return types;
    }
    std::optional<std::int64_t> wave_id(const std::string& code) const {
        auto s = prepare("SELECT id FROM waves WHERE code = ?");
        s.bind(1, std::string_view(code));
        if (s.step()) return s.integer(0);
        return std::nullopt;
    }
    std::int64_t require_wave(const std::string& code) const {
        if (auto w = wave_id(code)) return *w;
        std::string known;
        auto s = prepare("SELECT code FROM waves ORDER BY id");
        while (s.step()) known += (known.empty() ? "" : ", ") + std::string(s.text(0));
        throw not_found(code, "unknown wave '" + code + "' (waves: " + (known.empty() ? "none" : known) + ")");
    }

    /// Every structure in inventory order, with aliases and attributes.
    std::vector<StructureRow> load_structures() const {
        std::vector<StructureRow> rows;
        IdIndex index;
        auto s = prepare("SELECT id, code, name, siren, rna, legal_family FROM structures ORDER BY id");
        s.rows_of("structures", "id");
        while (s.step()) {
            if (!index.add(s.integer(0))) s.bad(0, "not a positive integer id");
            rows.push_back(StructureRow{s.integer(0), std::string(s.text(1, TextRule::identifier)), std::string(s.text(2)), s.opt_text(3),
                                        s.opt_text(4), s.opt_text(5), {}, {}});
        }
        index.finish();
        // table order is id order: each structure's aliases come in the order they were added
        // (reading through the structure index would cost a table search per alias)
        auto a = prepare("SELECT id, structure, alias FROM aliases");
        a.rows_of("aliases", "id");
        while (a.step()) rows[a.ref(1, index, "structures")].aliases.emplace_back(a.text(2, TextRule::identifier));
        auto t = prepare("SELECT structure, name, kind, value FROM structure_attributes");
        t.rows_of("structure_attributes", "structure, name");
        while (t.step()) {
            const auto i = t.ref(0, index, "structures");
            rows[i].attributes.insert_or_assign(std::string(t.text(1, TextRule::identifier)), stored_attribute(t, 2, 3));
        }
        return rows;
    }

    // ---- import ---------------------------------------------------------------------------

    struct ImportState {
        detail::FlatStringMap<NameRef> names;  // structure ids and aliases
        StringMap<TypeRef> types;
        ImportReport report;
        /// The id of a structure (for messages and reports), from a table built on first
        /// use: an import without errors or unresolved partners never needs it.
        const std::string& code_of(std::int64_t rowid) {
            if (codes.empty())
                for (const auto& [name, ref] : names.entries())
                    if (!ref.alias) codes.emplace(ref.rowid, name);
            return codes.at(rowid);
        }
        /// A structure inserted by this import.
        void add_structure(const std::string& code, std::int64_t rowid) {
            names.emplace(code, NameRef{rowid, false});
            if (!codes.empty()) codes.emplace(rowid, code);
        }

    private:
        std::unordered_map<std::int64_t, std::string> codes;  // empty until code_of
    };

    void import_structures(const std::string& file, ImportState& st) const {
        // read_csv validates the file (ids, aliases, typed attributes) with file/line/column errors.
        const Network net = read_csv(file);
        std::vector<std::size_t> lines;
        std::size_t c_aliases, c_id;
        bool has_name;
        {
            CsvReader r(file);
            c_id = r.column("id");
            c_aliases = r.column("aliases");
            has_name = r.column("name") != CsvReader::npos;
            std::vector<std::string> f;
            std::vector<char> q;
            while (r.next(f, q)) lines.push_back(r.line());
        }
        ImportCount cs{"structures"}, ca{"aliases"};
        auto find_code = prepare("SELECT id, name, siren, rna, legal_family FROM structures WHERE code = ?");
        auto insert = prepare("INSERT INTO structures(code, name, siren, rna, legal_family) VALUES (?, ?, ?, ?, ?)");
        auto update = prepare("UPDATE structures SET name = ?, siren = ?, rna = ?, legal_family = ? WHERE id = ?");
        auto attrs = prepare("SELECT structure, name, kind, value FROM structure_attributes WHERE structure = ?");
        attrs.rows_of("structure_attributes", "structure, name");
        auto put_attr = prepare("INSERT OR REPLACE INTO structure_attributes(structure, name, kind, value) VALUES (?, ?, ?, ?)");
        auto put_alias = prepare("INSERT INTO aliases(alias, structure) VALUES (?, ?)");
        auto resolve = prepare("UPDATE declarations SET partner = ?1 WHERE partner IS NULL AND partner_text = ?2 AND declarer <> ?1");
        auto resolve_name = [&](std::int64_t rowid, const std::string& text) {
            resolve.bind(1, rowid).bind(2, std::string_view(text));
            resolve.exec();
            st.report.resolved_partners += static_cast<std::size_t>(sqlite3_changes(conn()));
        };
        for (index_t i = 0; i < net.number_of_structures(); ++i) {
            const auto& s = net.structure(i);
            const std::size_t line = i < lines.size() ? lines[i] : 0;
            Attributes a = s.attributes;
            auto take = [&](const char* key) -> std::optional<std::string> {
                auto it = a.find(key);
                if (it == a.end()) return std::nullopt;
                auto v = value_to_string(it->second);
                a.erase(it);
                return v;
            };
            auto siren = take("siren"), rna = take("rna"), family = take("legal_family");
            std::int64_t rowid;
            if (auto it = st.names.find(s.id); it && it->alias) {
                throw parse_error(file, line, c_id + 1, "id",
                                  "structure id '" + s.id + "' is already an alias of structure '" +
                                      st.code_of(it->rowid) + "' in the inventory");
            }
            bool existed = false, changed_fields = false;
            find_code.bind(1, std::string_view(s.id));
            if (find_code.step()) {
                existed = true;
                rowid = find_code.integer(0);
                const std::string o_name(find_code.text(1));
                const std::string name = has_name ? s.name : o_name;
                auto o_siren = find_code.opt_text(2), o_rna = find_code.opt_text(3), o_family = find_code.opt_text(4);
                find_code.reset();
                bool changed = name != o_name;
                if (!siren) siren = o_siren;
                if (!rna) rna = o_rna;
                if (!family) family = o_family;
                changed = changed || siren != o_siren || rna != o_rna || family != o_family;
                if (changed) {
                    update.bind(1, std::string_view(name)).bind(2, siren).bind(3, rna).bind(4, family).bind(5, rowid);
                    update.exec();
                }
                Attributes old;
                attrs.bind(1, rowid);
                while (attrs.step()) old.emplace(std::string(attrs.text(1)), stored_attribute(attrs, 2, 3));
                attrs.reset();
                for (const auto& [k, v] : a) {
                    auto it = old.find(k);
                    if (it != old.end() && it->second == v) continue;
                    changed = true;
                    store_attribute(put_attr, rowid, k, v);
                }
                ++(changed ? cs.updated : cs.unchanged);
                changed_fields = changed;
            } else {
                find_code.reset();
                insert.bind(1, std::string_view(s.id)).bind(2, std::string_view(s.name)).bind(3, siren).bind(4, rna).bind(5, family);
                insert.exec();
                rowid = sqlite3_last_insert_rowid(conn());
                st.add_structure(s.id, rowid);
                for (const auto& [k, v] : a) store_attribute(put_attr, rowid, k, v);
                ++cs.added;
                resolve_name(rowid, s.id);
            }
            bool gained_alias = false;
            for (const auto& al : s.aliases) {
                if (auto it = st.names.find(al)) {
                    if (it->rowid == rowid) {
                        ++ca.unchanged;
                        continue;
                    }
                    throw parse_error(file, line, c_aliases == CsvReader::npos ? 0 : c_aliases + 1, "aliases",
                                      "alias '" + al + "' is already used by structure '" +
                                          st.code_of(it->rowid) + "' in the inventory");
                }
                put_alias.bind(1, std::string_view(al)).bind(2, rowid);
                put_alias.exec();
                st.names.emplace(al, NameRef{rowid, true});
                ++ca.added;
                if (existed && !gained_alias && !changed_fields) {  // a new alias updates an unchanged structure
                    gained_alias = true;
                    --cs.unchanged;
                    ++cs.updated;
                }
                resolve_name(rowid, al);
            }
        }
        add_count(st.report, cs);
        add_count(st.report, ca, false);
    }

    static void store_attribute(Stmt& put, std::int64_t rowid, const std::string& k, const Value& v) {
        put.bind(1, rowid).bind(2, std::string_view(k));
        if (auto b = std::get_if<bool>(&v)) put.bind(3, std::string_view("bool")).bind(4, std::int64_t(*b ? 1 : 0));
        else if (auto i = std::get_if<std::int64_t>(&v)) put.bind(3, std::string_view("int")).bind(4, *i);
        else if (auto d = std::get_if<double>(&v)) {
            put.bind(3, std::string_view("float"));
            if (std::isnan(*d)) put.null(4);  // SQLite stores NaN as NULL; read back as NaN
            else put.bind(4, *d);
        } else put.bind(3, std::string_view("str")).bind(4, std::string_view(std::get<std::string>(v)));
        put.exec();
    }

    /// Records the counts of one table; the totals only sum the rows of the files
    /// (structures, link types, affiliations, responses, declarations), not the records
    /// they imply (aliases, groups, waves).
    static void add_count(ImportReport& r, const ImportCount& c, bool in_totals = true) {
        r.counts.push_back(c);
        if (!in_totals) return;
        r.added += c.added;
        r.updated += c.updated;
        r.unchanged += c.unchanged;
    }

    void import_link_types(const std::string& file, ImportState& st) const {
        CsvReader r(file);
        detail::check_columns(r, {"code"}, {});
        const auto c_code = r.column("code"), c_label = r.column("label"), c_family = r.column("family"),
                   c_dir = r.column("directed");
        std::vector<std::size_t> extra;
        for (std::size_t i = 0; i < r.header().size(); ++i)
            if (i != c_code && i != c_label && i != c_family && i != c_dir) {
                if (auto fault = text_fault(r.header()[i], TextRule::identifier); !fault.empty())
                    r.fail_at(1, i, "attribute name " + fault);
                extra.push_back(i);
            }
        ImportCount c{"link_types"};
        auto find = prepare("SELECT id, label, family, directed FROM link_types WHERE code = ?");
        auto insert = prepare("INSERT INTO link_types(code, label, family, directed) VALUES (?, ?, ?, ?)");
        auto update = prepare("UPDATE link_types SET label = ?, family = ?, directed = ? WHERE id = ?");
        auto used = prepare("SELECT 1 FROM declarations WHERE type = ? LIMIT 1");
        auto get_attr = prepare("SELECT value FROM link_type_attributes WHERE type = ? AND name = ?");
        auto put_attr = prepare("INSERT OR REPLACE INTO link_type_attributes(type, name, value) VALUES (?, ?, ?)");
        StringMap<std::size_t> seen;
        std::vector<std::string> f;
        std::vector<char> q;
        while (r.next(f, q)) {
            const auto& code = f[c_code];
            if (code.empty()) r.fail(c_code, "empty link type code");
            if (auto fault = text_fault(code, TextRule::identifier); !fault.empty()) r.fail(c_code, "link type code " + fault);
            for (std::size_t k = 0; k < f.size(); ++k)
                if (k != c_code)
                    if (auto fault = text_fault(f[k], TextRule::text); !fault.empty()) r.fail(k, fault);
            if (auto [it, fresh] = seen.emplace(code, r.line()); !fresh)
                r.fail(c_code, "duplicate link type '" + code + "' (first on line " + std::to_string(it->second) + ")");
            bool directed = false;  // no column, or an empty cell: undirected
            if (c_dir != CsvReader::npos && !f[c_dir].empty() && !detail::parse_bool(f[c_dir], directed))
                r.fail(c_dir, "directed must be true or false, got '" + f[c_dir] + "'");
            auto label = c_label == CsvReader::npos ? std::nullopt : opt(f[c_label]);
            auto family = c_family == CsvReader::npos ? std::nullopt : opt(f[c_family]);
            std::int64_t rowid;
            find.bind(1, std::string_view(code));
            if (find.step()) {
                rowid = find.integer(0);
                auto o_label = find.opt_text(1), o_family = find.opt_text(2);
                const bool o_dir = find.integer(3) != 0;
                find.reset();
                bool changed = label != o_label || family != o_family || directed != o_dir;
                if (directed != o_dir) {
                    used.bind(1, rowid);
                    const bool in_use = used.step();
                    used.reset();
                    if (in_use)
                        r.fail(c_dir, "link type '" + code + "' is stored as " + (o_dir ? "directed" : "undirected") +
                                          " and declarations use it: its direction cannot change");
                }
                if (changed) {
                    update.bind(1, label).bind(2, family).bind(3, std::int64_t(directed)).bind(4, rowid);
                    update.exec();
                }
                for (auto i : extra) {
                    if (f[i].empty()) continue;
                    get_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i]));
                    const bool same = get_attr.step() && get_attr.text(0) == f[i];
                    get_attr.reset();
                    if (!same) {
                        changed = true;
                        put_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i])).bind(3, std::string_view(f[i]));
                        put_attr.exec();
                    }
                }
                ++(changed ? c.updated : c.unchanged);
            } else {
                find.reset();
                insert.bind(1, std::string_view(code)).bind(2, label).bind(3, family).bind(4, std::int64_t(directed));
                insert.exec();
                rowid = sqlite3_last_insert_rowid(conn());
                for (auto i : extra) {
                    if (f[i].empty()) continue;
                    put_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i])).bind(3, std::string_view(f[i]));
                    put_attr.exec();
                }
                ++c.added;
            }
            st.types.insert_or_assign(code, TypeRef{rowid, directed});
        }
        add_count(st.report, c);
    }

    std::int64_t resolve_structure(CsvReader& r, const std::vector<std::string>& f, std::size_t col,
                                   const ImportState& st, const char* what) const {
        if (f[col].empty()) r.fail(col, std::string("empty ") + what);
        auto it = st.names.find(f[col]);
        if (!it)
            r.fail(col, std::string("unknown ") + what + " '" + f[col] +
                            "' (not a structure id or alias in the inventory; import it in the structures file)");
        return it->rowid;
    }

    /// fail(column, message) reports the row's error.
    template <class Fail>
    static void check_dates(Fail&& fail, const std::vector<std::string>& f, std::size_t c_start, std::size_t c_end) {
        for (auto c : {c_start, c_end})
            if (c != CsvReader::npos && !f[c].empty() && !is_iso_date(f[c]))
                fail(c, std::string(c == c_start ? "start" : "end") + " date '" + f[c] +
                            "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
        if (c_start != CsvReader::npos && c_end != CsvReader::npos && !f[c_start].empty() && !f[c_end].empty() &&
            compare_dates(f[c_end], f[c_start]) < 0)
            fail(c_end, "end " + f[c_end] + " is before start " + f[c_start]);
    }

    void import_affiliations(const std::string& file, ImportState& st) const {
        CsvReader r(file);
        detail::check_columns(r, {"structure", "group"}, {"structure", "group", "role", "start", "end"});
        const auto c_s = r.column("structure"), c_g = r.column("group"), c_role = r.column("role"),
                   c_start = r.column("start"), c_end = r.column("end");
        ImportCount c{"affiliations"}, cg{"groups"};
        auto find_group = prepare("SELECT id FROM groups WHERE code = ?");
        auto insert_group = prepare("INSERT INTO groups(code) VALUES (?)");
        auto find = prepare("SELECT id, end_date FROM affiliations WHERE structure = ? AND grp = ? AND role = ? AND start_date = ?");
        auto insert = prepare("INSERT INTO affiliations(structure, grp, role, start_date, end_date) VALUES (?, ?, ?, ?, ?)");
        auto update = prepare("UPDATE affiliations SET end_date = ? WHERE id = ?");
        StringMap<std::int64_t> groups;
        std::map<std::tuple<std::int64_t, std::int64_t, std::string, std::string>, std::size_t> seen;
        std::vector<std::string> f;
        std::vector<char> q;
        while (r.next(f, q)) {
            const auto s = resolve_structure(r, f, c_s, st, "structure");
            if (f[c_g].empty()) r.fail(c_g, "empty group");
            if (auto fault = text_fault(f[c_g], TextRule::identifier); !fault.empty()) r.fail(c_g, "group " + fault);
            if (c_role != CsvReader::npos)
                if (auto fault = text_fault(f[c_role], TextRule::text); !fault.empty()) r.fail(c_role, "role " + fault);
            check_dates([&r](std::size_t col, const std::string& m) { r.fail(col, m); }, f, c_start, c_end);
            std::int64_t g;
            if (auto it = groups.find(f[c_g]); it != groups.end()) g = it->second;
            else {
                find_group.bind(1, std::string_view(f[c_g]));
                if (find_group.step()) {
                    g = find_group.integer(0);
                    find_group.reset();
                } else {
                    find_group.reset();
                    insert_group.bind(1, std::string_view(f[c_g]));
                    insert_group.exec();
                    g = sqlite3_last_insert_rowid(conn());
                    ++cg.added;
                }
                groups.emplace(f[c_g], g);
            }
            const std::string role = c_role == CsvReader::npos ? std::string() : f[c_role];
            const std::string start = c_start == CsvReader::npos ? std::string() : f[c_start];
            const auto end = c_end == CsvReader::npos ? std::nullopt : opt(f[c_end]);
            if (auto [it, fresh] = seen.emplace(std::tuple{s, g, role, start}, r.line()); !fresh)
                r.fail(CsvReader::npos, "duplicate affiliation (same structure, group, role and start as line " +
                                            std::to_string(it->second) + ")");
            find.bind(1, s).bind(2, g).bind(3, std::string_view(role)).bind(4, std::string_view(start));
            if (find.step()) {
                const auto id = find.integer(0);
                const auto o_end = find.opt_text(1);
                find.reset();
                if (o_end != end) {
                    update.bind(1, end).bind(2, id);
                    update.exec();
                    ++c.updated;
                } else ++c.unchanged;
            } else {
                find.reset();
                insert.bind(1, s).bind(2, g).bind(3, std::string_view(role)).bind(4, std::string_view(start)).bind(5, end);
                insert.exec();
                ++c.added;
            }
        }
        add_count(st.report, cg, false);
        add_count(st.report, c);
    }

    /// Records that ids first .. first + n - 1 of declarations are rows of wave, as one
    /// more span or by extending the wave's span that ends just before.
    void record_span(std::int64_t wave, std::int64_t first, std::size_t n) const {
        const auto last = first + static_cast<std::int64_t>(n) - 1;
        // The n new rows got ids above the old largest (first - 1); the largest now being
        // first + n - 1, they are exactly first .. last. (SQLite's rule while the largest
        // id is below 2^63 - 1; then it picks free ids at random, which no import reaches.)
        if (pragma_int("SELECT max(id) FROM declarations") != last)
            throw storage_error(path + ": the new declarations did not get consecutive ids; nothing was imported");
        auto extend = prepare("UPDATE declaration_spans SET last_id = ?3 WHERE wave = ?1 AND last_id = ?2 - 1");
        extend.bind(1, wave).bind(2, first).bind(3, last);
        extend.exec();
        if (sqlite3_changes(conn()) == 1) return;
        auto add = prepare("INSERT INTO declaration_spans(wave, first_id, last_id) VALUES (?, ?, ?)");
        add.bind(1, wave).bind(2, first).bind(3, last);
        add.exec();
    }

    std::int64_t ensure_wave(const std::string& code, ImportState& st) const {
        if (auto w = wave_id(code)) return *w;
        auto ins = prepare("INSERT INTO waves(code) VALUES (?)");
        ins.bind(1, std::string_view(code));
        ins.exec();
        add_count(st.report, ImportCount{"waves", 1, 0, 0}, false);
        return sqlite3_last_insert_rowid(conn());
    }

    void import_responses(const std::string& file, std::int64_t wave, ImportState& st) const {
        CsvReader r(file);
        ImportCount c{"responses"};
        auto find = prepare("SELECT status FROM responses WHERE wave = ? AND structure = ?");
        auto put = prepare("INSERT OR REPLACE INTO responses(wave, structure, status) VALUES (?, ?, ?)");
        detail::read_response_rows<std::int64_t>(
            r,
            [&](CsvReader& rr, const std::vector<std::string>& f, std::size_t col) {
                return resolve_structure(rr, f, col, st, "structure");
            },
            [&](std::int64_t s) { return st.code_of(s); },
            [&](std::int64_t s, const std::string& status) {
                find.bind(1, wave).bind(2, s);
                const bool exists = find.step();
                const bool same = exists && find.text(0) == status;
                find.reset();
                if (same) {
                    ++c.unchanged;
                    return;
                }
                put.bind(1, wave).bind(2, s).bind(3, std::string_view(status));
                put.exec();
                ++(exists ? c.updated : c.added);
            });
        add_count(st.report, c);
    }

    void import_declarations(const std::string& file, std::int64_t wave, ImportState& st) const {
        CsvReader r(file);
        detail::check_columns(r, {"declarer", "partner", "type"},
                      {"declarer", "partner", "type", "intensity", "direction", "frequency", "start", "end", "source",
                       "comment"});
        const auto c_d = r.column("declarer"), c_p = r.column("partner"), c_t = r.column("type"),
                   c_int = r.column("intensity"), c_dir = r.column("direction"), c_freq = r.column("frequency"),
                   c_start = r.column("start"), c_end = r.column("end"), c_src = r.column("source"),
                   c_com = r.column("comment");
        const bool decimal_comma = r.delimiter() == ';';
        auto cell = [](const std::vector<std::string>& f, std::size_t c) -> std::string_view {
            return c == CsvReader::npos ? std::string_view() : std::string_view(f[c]);
        };
        ImportCount c{"declarations"};
        std::unordered_map<std::int64_t, bool> directed_of;
        for (const auto& [code, t] : st.types) directed_of.emplace(t.rowid, t.directed);
        StringMap<std::int64_t> text_ids;  // unresolved partner text -> number (> 0)
        auto text_key = [&](std::string_view t) {
            auto it = text_ids.find(t);
            if (it != text_ids.end()) return -it->second;
            const auto k = static_cast<std::int64_t>(text_ids.size() + 1);
            text_ids.emplace(std::string(t), k);
            return -k;
        };

        // Declarations already stored for this wave (re-imports and corrections).
        std::unordered_map<DeclKey, std::pair<std::int64_t, DeclFields>, DeclKeyHash> existing;
        {
            auto s = prepare(
                std::string("SELECT d.id, d.declarer, d.declarer_text, d.partner, d.partner_text, d.type, d.direction, "
                            "d.intensity, d.frequency, d.start_date, d.end_date, d.source, d.comment") +
                kWaveDeclarations);
            s.bind(1, wave);
            s.rows_of("declarations", "id");
            while (s.step()) {
                const auto type = s.id(5);
                const auto stored_dir = stored_direction(s, 6);
                const auto dtext = s.opt_text(6);
                const std::uint8_t dir = directed_of[type] ? stored_dir : std::uint8_t{dir_none};
                DeclKey k{s.id(1), s.is_null(3) ? text_key(s.text(4)) : s.id(3), type, dir};
                existing.emplace(k, std::pair{s.integer(0), DeclFields{s.opt_text(2), s.opt_text(4), dtext, s.opt_real(7),
                                                                      s.opt_text(8), s.opt_text(9), s.opt_text(10),
                                                                      s.opt_text(11), s.opt_text(12)}});
            }
        }
        // Two threads: a worker parses and validates the file and resolves its names into
        // batches of rows, while this thread (the one holding the transaction) writes the
        // previous batches; SQLite's inserts and the parsing each take about half of a
        // large import (benchmarks/results_store.md). Batches are recycled (detail::Handoff).
        // New declarations are inserted kRows rows per statement (multi-row VALUES): the
        // per-statement cost of SQLite dominates otherwise.
        constexpr int kRows = 64;
        constexpr std::size_t kBatch = 16 * kRows;
        struct Pending {
            std::vector<std::string> f;  // the cells, bound without copy until the rows are written
            std::int64_t declarer, partner, type;
            std::optional<double> intensity;
            bool declarer_alias, partner_text;
            std::uint16_t filled;  // the columns (bits, as kColumns) the row gives a value
        };
        struct Batch {
            std::vector<Pending> rows;
            std::size_t n = 0;
        };
        // A group of rows is inserted by a statement naming only the columns some row of
        // the group fills; the others take their default, NULL. Binding the NULLs of the
        // columns a survey leaves empty cost about 15 % of SQLite's insert time. The
        // statements are prepared on first use of a column set.
        static constexpr const char* kColumns[] = {"wave",      "declarer",  "declarer_text", "partner", "partner_text",
                                                   "type",      "direction", "intensity",     "frequency",
                                                   "start_date", "end_date", "source",        "comment"};
        constexpr std::uint16_t kAlways = 1u | 2u | 32u;  // wave, declarer, type: NOT NULL
        auto filled_of = [&](const Pending& p) {
            std::uint16_t m = kAlways;
            auto set = [&m](int col, bool on) { m = static_cast<std::uint16_t>(m | (on ? 1u << col : 0u)); };
            set(2, p.declarer_alias);
            set(3, p.partner > 0);
            set(4, p.partner_text);
            set(6, !cell(p.f, c_dir).empty());
            set(7, p.intensity.has_value());
            set(8, !cell(p.f, c_freq).empty());
            set(9, !cell(p.f, c_start).empty());
            set(10, !cell(p.f, c_end).empty());
            set(11, !cell(p.f, c_src).empty());
            set(12, !cell(p.f, c_com).empty());
            return m;
        };
        std::unordered_map<std::uint32_t, Stmt> inserts;  // key: columns | rows << 16
        auto insert_for = [&](std::uint16_t columns, int rows) -> Stmt& {
            const auto key = static_cast<std::uint32_t>(columns) | static_cast<std::uint32_t>(rows) << 16;
            if (auto it = inserts.find(key); it != inserts.end()) return it->second;
            std::string sql = "INSERT INTO declarations(", one = "(";
            for (int col = 0; col < 13; ++col)
                if (columns >> col & 1u) {
                    sql += std::string(one.size() > 1 ? ", " : "") + kColumns[col];
                    one += one.size() > 1 ? ",?" : "?";
                }
            sql += ") VALUES ";
            for (int k = 0; k < rows; ++k) sql += (k ? "," : "") + one + ")";
            return inserts.emplace(key, prepare(sql)).first->second;
        };
        // Binds the row's values of the group's columns: NULL where the row has none
        // (p.filled, the one place that says which columns a row fills).
        auto bind_row = [&](Stmt& stmt, int base, const Pending& p, std::uint16_t columns) {
            int i = base;
            for (int col = 0; col < 13; ++col) {
                if (!(columns >> col & 1u)) continue;
                ++i;
                if (!(p.filled >> col & 1u)) {
                    stmt.null(i);
                    continue;
                }
                switch (col) {
                    case 0: stmt.bind(i, wave); break;
                    case 1: stmt.bind(i, p.declarer); break;
                    case 2: stmt.bind(i, std::string_view(p.f[c_d])); break;
                    case 3: stmt.bind(i, p.partner); break;
                    case 4: stmt.bind(i, std::string_view(p.f[c_p])); break;
                    case 5: stmt.bind(i, p.type); break;
                    case 6: stmt.bind(i, cell(p.f, c_dir)); break;
                    case 7: stmt.bind(i, *p.intensity); break;
                    case 8: stmt.bind(i, cell(p.f, c_freq)); break;
                    case 9: stmt.bind(i, cell(p.f, c_start)); break;
                    case 10: stmt.bind(i, cell(p.f, c_end)); break;
                    case 11: stmt.bind(i, cell(p.f, c_src)); break;
                    default: stmt.bind(i, cell(p.f, c_com)); break;
                }
            }
        };
        auto write = [&](const Batch& b) {
            std::size_t k = 0;
            for (; k + kRows <= b.n; k += kRows) {
                std::uint16_t columns = 0;
                for (int j = 0; j < kRows; ++j) columns = static_cast<std::uint16_t>(columns | b.rows[k + static_cast<std::size_t>(j)].filled);
                auto& stmt = insert_for(columns, kRows);
                const int per_row = std::popcount(columns);
                for (int j = 0; j < kRows; ++j) bind_row(stmt, j * per_row, b.rows[k + static_cast<std::size_t>(j)], columns);
                stmt.run();
            }
            for (; k < b.n; ++k) {
                auto& stmt = insert_for(b.rows[k].filled, 1);
                bind_row(stmt, 0, b.rows[k], b.rows[k].filled);
                stmt.run();
            }
        };
        std::vector<std::pair<std::int64_t, DeclFields>> updates;  // corrections of stored rows
        std::vector<DeclKey> keys;            // for duplicate detection within the file,
        std::vector<std::size_t> key_lines;   // with their lines
        std::size_t duplicate = 0, duplicated = 0;  // line repeating an earlier line, that line
        detail::Handoff<Batch> pipe(8);
        const auto first_id = pragma_int("SELECT coalesce(max(id), 0) + 1 FROM declarations");

        // The worker: reads st (names, types; code_of builds its table on first use) and
        // writes st.report, c, updates and keys, which this thread reads only after join().
        auto parse = [&] {
            std::string last_declarer;
            NameRef last_ref{0, false};
            std::vector<char> q;
            // A batch is read whole first, so that the name lookups of its rows (each a
            // cache miss or two in a map of every id and alias) can be prefetched a few
            // rows ahead; kept rows move to the front of the batch.
            std::vector<std::size_t> lines(kBatch), hd(kBatch), hp(kBatch);
            constexpr std::size_t kAhead = 16;
            for (bool more = true; more;) {
                auto batch = pipe.take_empty();
                if (!batch) return;  // the writer failed
                batch->rows.resize(kBatch);
                batch->n = 0;
                std::size_t m = 0;
                for (; m < kBatch; ++m) {  // the rows' buffers are reused
                    if (!r.next(batch->rows[m].f, q)) {
                        more = false;
                        break;
                    }
                    lines[m] = r.line();
                    hd[m] = st.names.hash(batch->rows[m].f[c_d]);
                    hp[m] = st.names.hash(batch->rows[m].f[c_p]);
                }
                for (std::size_t j = 0; j < std::min(m, kAhead); ++j) {
                    st.names.prefetch_slot(hd[j]);
                    st.names.prefetch_slot(hp[j]);
                }
                for (std::size_t j = 0; j < m; ++j) {
                    if (j + kAhead < m) {
                        st.names.prefetch_slot(hd[j + kAhead]);
                        st.names.prefetch_slot(hp[j + kAhead]);
                    }
                    if (j + kAhead / 2 < m) {
                        st.names.prefetch_entry(hd[j + kAhead / 2]);
                        st.names.prefetch_entry(hp[j + kAhead / 2]);
                    }
                    const std::size_t line = lines[j];
                    auto fail = [&](std::size_t col, const std::string& msg) { r.fail_at(line, col, msg); };
                    if (j != batch->n) std::swap(batch->rows[j], batch->rows[batch->n]);
                    Pending& p = batch->rows[batch->n];
                    const std::vector<std::string>& f = p.f;
                    const std::string& dtext = f[c_d];
                    if (dtext.empty()) fail(c_d, "empty declarer");
                    // survey files list each declarer's rows together: reuse the previous lookup
                    if (dtext != last_declarer) {
                        auto dit = st.names.find(dtext, hd[j]);
                        if (!dit)
                            fail(c_d, "unknown declarer '" + dtext +
                                          "' (not a structure id or alias in the inventory; import it in the structures file)");
                        last_ref = *dit;
                        last_declarer = dtext;
                    }
                    const auto declarer = last_ref.rowid;
                    const std::string& ptext = f[c_p];
                    if (ptext.empty()) fail(c_p, "empty partner");
                    for (const auto col : {c_freq, c_src, c_com})
                        if (col != CsvReader::npos)
                            if (auto fault = text_fault(f[col], TextRule::text); !fault.empty()) fail(col, fault);
                    std::int64_t partner = 0;
                    bool partner_alias = false;
                    if (auto pit = st.names.find(ptext, hp[j])) {
                        partner = pit->rowid;
                        partner_alias = pit->alias;
                        if (partner == declarer)
                            fail(c_p, "partner '" + ptext + "' is the declarer itself (structure '" + st.code_of(declarer) + "')");
                    }
                    const std::string& tcode = f[c_t];
                    auto tit = st.types.find(tcode);
                    if (tit == st.types.end()) {
                        if (tcode.empty()) fail(c_t, "empty link type");
                        fail(c_t, "unknown link type '" + tcode + "' (not in the link types of the inventory)");
                    }
                    const auto type = tit->second.rowid;
                    const bool directed = tit->second.directed;
                    const auto dcell = cell(f, c_dir);
                    std::uint8_t dir = directed ? dir_out : dir_none;
                    if (!dcell.empty()) {
                        if (!directed)
                            fail(c_dir, "direction '" + std::string(dcell) + "' given for the undirected link type '" + tcode +
                                            "' (leave it empty)");
                        if (dcell == "out") dir = dir_out;
                        else if (dcell == "in") dir = dir_in;
                        else if (dcell == "both") dir = dir_both;
                        else fail(c_dir, "direction must be out, in or both, got '" + std::string(dcell) + "'");
                    }
                    std::optional<double> intensity;
                    if (const auto ic = cell(f, c_int); !ic.empty()) {
                        double x;
                        if (!detail::parse_double(ic, decimal_comma, x))
                            fail(c_int, "intensity '" + std::string(ic) + "' is not a number");
                        if (!(std::isfinite(x) && x > 0))
                            fail(c_int, "intensity must be a finite number > 0, got '" + std::string(ic) + "'");
                        intensity = x;
                    }
                    check_dates(fail, f, c_start, c_end);
                    if (!partner)  // kept as written, and may become a structure id or alias later
                        if (auto fault = text_fault(ptext, TextRule::identifier); !fault.empty())
                            fail(c_p, "partner " + fault);
                    const DeclKey key{declarer, partner ? partner : text_key(ptext), type, dir};
                    keys.push_back(key);
                    key_lines.push_back(line);
                    if (!partner)
                        st.report.unresolved_partners.push_back(
                            UnresolvedPartner{file, line, st.code_of(declarer), ptext, tcode});
                    const std::string_view dt = last_ref.alias ? std::string_view(dtext) : std::string_view();
                    const std::string_view pt = (!partner || partner_alias) ? std::string_view(ptext) : std::string_view();
                    if (!existing.empty()) {
                        if (auto it = existing.find(key); it != existing.end()) {
                            DeclFields now{opt(dt), opt(pt), opt(dcell), intensity, opt(cell(f, c_freq)), opt(cell(f, c_start)),
                                           opt(cell(f, c_end)), opt(cell(f, c_src)), opt(cell(f, c_com))};
                            if (now == it->second.second) ++c.unchanged;
                            else {
                                updates.emplace_back(it->second.first, std::move(now));
                                ++c.updated;
                            }
                            continue;  // not kept: the next row takes its place
                        }
                    }
                    p.declarer = declarer;
                    p.partner = partner;
                    p.type = type;
                    p.intensity = intensity;
                    p.declarer_alias = !dt.empty();
                    p.partner_text = !pt.empty();
                    p.filled = filled_of(p);
                    ++batch->n;
                    ++c.added;
                }
                pipe.put_full(std::move(*batch));
            }
            pipe.close();  // the writer drains the last batches meanwhile
            // Duplicates within the file (found while the last rows are written): the
            // earliest repeated line is reported.
            if (const auto [j, i] = detail::first_repeat(keys, DeclKeyHash{}); j != static_cast<std::size_t>(-1)) {
                duplicate = key_lines[j];
                duplicated = key_lines[i];
            }
        };
        std::exception_ptr parse_failure;
        std::thread worker([&] {
            try {
                parse();
            } catch (...) {
                parse_failure = std::current_exception();
                pipe.abort();
                return;
            }
            pipe.close();
        });
        try {
            while (auto b = pipe.take_full()) {
                write(*b);
                pipe.put_empty(std::move(*b));
            }
        } catch (...) {
            pipe.abort();
            worker.join();
            throw;  // the database error; the transaction is rolled back by the caller
        }
        worker.join();
        if (parse_failure) std::rethrow_exception(parse_failure);
        if (c.added) record_span(wave, first_id, c.added);
        auto update = prepare(
            "UPDATE declarations SET declarer_text = ?2, partner_text = ?3, direction = ?4, intensity = ?5, frequency = ?6, "
            "start_date = ?7, end_date = ?8, source = ?9, comment = ?10 WHERE id = ?1");
        for (const auto& [id, now] : updates) {
            update.bind(1, id).bind(2, now.declarer_text).bind(3, now.partner_text).bind(4, now.direction)
                .bind(5, now.intensity).bind(6, now.frequency).bind(7, now.start).bind(8, now.end).bind(9, now.source)
                .bind(10, now.comment);
            update.exec();
        }
        if (duplicate)
            throw parse_error(file, duplicate, 0, "",
                              "duplicate declaration: same declarer, partner, type and direction as line " +
                                  std::to_string(duplicated));
        add_count(st.report, c);
    }

    ImportReport import_csv(const ImportFiles& files) {
        if (readonly) throw storage_error(path + ": the inventory is opened read-only");
        if ((!files.declarations.empty() || !files.responses.empty()) && files.wave.empty())
            throw input_error("import_csv: a wave is required with declarations or responses");
        // Foreign keys are checked by the importer itself, not by SQLite: every reference a
        // row stores (wave, declarer, partner, type, structure, group) comes from an id read
        // from the database or inserted within this transaction (st.names, st.types,
        // ensure_wave, the groups map), and nothing is deleted, so the stored data satisfies
        // every REFERENCES clause. SQLite's own check costs a B-tree probe of the parent table
        // per reference: about 1 µs per declaration, more than the insert itself
        // (benchmarks/results_store.md). The pragma is a no-op inside a transaction, hence
        // set before BEGIN and restored after COMMIT or ROLLBACK (the guard outlives tx).
        ForeignKeysOff fk_off(this);
        Tx tx(this);
        ImportState st;
        st.names = load_names();
        st.types = load_types();
        st.report.wave = files.wave;
        if (!files.structures.empty()) import_structures(files.structures, st);
        if (!files.link_types.empty()) import_link_types(files.link_types, st);
        if (!files.affiliations.empty()) import_affiliations(files.affiliations, st);
        if (!files.wave.empty()) {
            const auto w = ensure_wave(files.wave, st);
            if (!files.responses.empty()) import_responses(files.responses, w, st);
            if (!files.declarations.empty()) import_declarations(files.declarations, w, st);
        }
        tx.commit();
        return std::move(st.report);
    }

    // ---- derivation ------------------------------------------------------------------------

    struct Derived {
        std::vector<StructureRow> structures;  // inventory order
        std::vector<std::string> types;        // index -> code
        std::vector<char> type_directed;
        std::vector<std::string> dates;  // [0] = ""
        std::vector<CLink> links;        // sorted by (s, t, type)
        std::vector<char> participates;  // per structure
        std::vector<std::string> response;  // per structure, "" when no row
        std::vector<char> responded;        // per structure: complete or partial response
    };

    /// Derives the links of a wave (the structures with their ids only).
    Derived derive(const std::string& wave_code) const {
        std::vector<Arc> arcs;
        auto d = scan(wave_code, arcs);
        merge(d, arcs);
        return d;
    }

    /// The first half of derive: the structures, types and responses, and the wave's
    /// declarations as arcs (SQLite's part).
    ///
    /// Every value read is checked before it indexes memory (a file may come from
    /// elsewhere, or be edited by another program while open): ids are positive and
    /// mapped through IdIndex (memory O(rows), whatever their values), references name a
    /// stored row, directed is 0 or 1, statuses and directions are the importer's words,
    /// intensities numbers > 0, dates ISO; anything else is a storage_error naming the
    /// table, row and column.
    Derived scan(const std::string& wave_code, std::vector<Arc>& arcs) const {
        const auto wave = require_wave(wave_code);
        Derived d;
        IdIndex structure_index, type_index;  // ids -> dense indices (inventory order)
        {
            auto s = prepare("SELECT id, code FROM structures ORDER BY id");
            s.rows_of("structures", "id");
            while (s.step()) {
                if (!structure_index.add(s.integer(0))) s.bad(0, "not a positive integer id");
                d.structures.push_back(StructureRow{s.integer(0), std::string(s.text(1)), {}, {}, {}, {}, {}, {}});
            }
            structure_index.finish();
        }
        const auto n = d.structures.size();
        {
            auto s = prepare("SELECT id, code, directed FROM link_types ORDER BY id");
            s.rows_of("link_types", "id");
            while (s.step()) {
                if (!type_index.add(s.integer(0))) s.bad(0, "not a positive integer id");
                d.types.emplace_back(s.text(1));
                d.type_directed.push_back(s.flag(2));
            }
            type_index.finish();
        }
        d.participates.assign(n, 0);
        d.response.assign(n, {});
        std::vector<char> responded(n, 0);
        {
            auto s = prepare("SELECT wave, structure, status FROM responses WHERE wave = ?");
            s.bind(1, wave);
            s.rows_of("responses", "wave, structure");
            while (s.step()) {
                const auto i = s.ref(1, structure_index, "structures");
                const auto status = s.bytes(2);
                const auto known = std::find(std::begin(response_statuses), std::end(response_statuses), status);
                if (known == std::end(response_statuses)) s.bad(2, "not complete, partial, refused or unreached");
                d.participates[i] = 1;
                d.response[i] = *known;
                responded[i] = known - std::begin(response_statuses) < 2;  // complete or partial
            }
        }
        // Dates are interned by a packed integer key (the text is at most 10 bytes: an ISO
        // date checked on import), cheaper than hashing strings for a million rows; each
        // distinct text is checked once.
        std::unordered_map<std::uint64_t, std::uint32_t> date_index;
        d.dates.emplace_back();
        auto date = [&](const Stmt& s, int col) -> std::uint32_t {
            const auto t = s.bytes(col);
            std::uint64_t key = t.size();
            bool iso_chars = !t.empty() && t.size() <= 10;
            for (char ch : t) {
                iso_chars = iso_chars && ((ch >= '0' && ch <= '9') || ch == '-');
                key = key * 16 + static_cast<std::uint64_t>(ch == '-' ? 10 : (ch - '0') & 15);
            }
            if (!iso_chars) s.bad(col, "not an ISO date");
            auto [it, fresh] = date_index.emplace(key, static_cast<std::uint32_t>(d.dates.size()));
            if (fresh) {
                if (!is_iso_date(t)) s.bad(col, "not an ISO date");
                d.dates.emplace_back(t);
            }
            return it->second;
        };
        {
            // One import writes its wave's rows with consecutive ids, recorded as a span:
            // reading the spans' id ranges reads the rows in storage order. The reservation
            // is bounded by the rows of the table, whatever the spans of a damaged file say.
            auto count = prepare(
                "SELECT min((SELECT total(last_id - first_id + 1) FROM declaration_spans WHERE wave = ?1), "
                "(SELECT count(*) FROM declarations))");
            count.bind(1, wave);
            if (count.step()) arcs.reserve(static_cast<std::size_t>(std::max(0.0, count.real(0))));
            count.reset();
            auto s = prepare(
                std::string("SELECT d.id, d.declarer, d.partner, d.type, d.direction, d.intensity, d.start_date, "
                            "d.end_date") +
                kWaveDeclarations + " AND d.partner IS NOT NULL");
            s.bind(1, wave);
            s.rows_of("declarations", "id");
            while (s.step()) {
                const auto a = s.ref(1, structure_index, "structures");
                const auto b = s.ref(2, structure_index, "structures");
                if (a == b) s.bad(2, "the declarer itself");
                const auto type = s.ref(3, type_index, "link_types");
                const auto dir = stored_direction(s, 4);
                double w = 1.0;
                if (const int kind = s.type(5); kind != SQLITE_NULL) {  // (the type before any conversion)
                    if (kind != SQLITE_FLOAT && kind != SQLITE_INTEGER) s.bad(5, "not a number > 0");
                    w = s.real(5);
                    if (!(std::isfinite(w) && w > 0)) s.bad(5, "not a number > 0");
                }
                const auto st = s.is_null(6) ? 0 : date(s, 6);
                const auto en = s.is_null(7) ? UINT32_MAX : date(s, 7);
                if (st && en != UINT32_MAX && compare_dates(d.dates[en], d.dates[st]) < 0)
                    s.bad(7, "before the start date " + d.dates[st]);
                d.participates[a] = d.participates[b] = 1;
                if (!d.type_directed[type]) {
                    if (a < b) arcs.push_back(Arc{a, b, type, 1, w, st, en});
                    else arcs.push_back(Arc{b, a, type, 2, w, st, en});
                } else {
                    if (dir == dir_out || dir == dir_both) arcs.push_back(Arc{a, b, type, 1, w, st, en});
                    if (dir == dir_in || dir == dir_both) arcs.push_back(Arc{b, a, type, 2, w, st, en});
                }
            }
        }
        d.responded = std::move(responded);
        return d;
    }

    /// The second half of derive: the arcs merged into links (no SQLite: any thread).
    static void merge(Derived& d, std::vector<Arc>& arcs) {
        const auto n = d.structures.size();
        const auto& responded = d.responded;
        {
            // counting sort by source, then a small sort of each row by (target, type)
            std::vector<std::size_t> start(n + 1, 0);
            for (const auto& a : arcs) ++start[a.s + 1];
            for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
            std::vector<Arc> sorted(arcs.size());
            std::vector<std::size_t> pos(start.begin(), start.end() - 1);
            for (const auto& a : arcs) sorted[pos[a.s]++] = a;
            arcs.swap(sorted);
            for (std::size_t i = 0; i < n; ++i)
                std::sort(arcs.begin() + static_cast<std::ptrdiff_t>(start[i]),
                          arcs.begin() + static_cast<std::ptrdiff_t>(start[i + 1]), [](const Arc& x, const Arc& y) {
                              return x.t != y.t ? x.t < y.t : x.type < y.type;
                          });
        }
        d.links.reserve(arcs.size());
        for (std::size_t k = 0; k < arcs.size();) {
            std::size_t e = k;
            std::uint8_t bits = 0;
            double wsum = 0;
            std::uint32_t st = 0, en = 0;
            bool open_end = false;
            for (; e < arcs.size() && arcs[e].s == arcs[k].s && arcs[e].t == arcs[k].t && arcs[e].type == arcs[k].type; ++e) {
                bits = static_cast<std::uint8_t>(bits | arcs[e].bits);
                wsum += arcs[e].w;
                if (arcs[e].start && (st == 0 || d.dates[arcs[e].start] < d.dates[st])) st = arcs[e].start;
                if (arcs[e].end == UINT32_MAX) open_end = true;
                else if (en == 0 || d.dates[arcs[e].end] > d.dates[en]) en = arcs[e].end;
            }
            CLink l{arcs[k].s, arcs[k].t, arcs[k].type, bits, 0, static_cast<std::uint32_t>(e - k),
                    wsum / static_cast<double>(e - k), st, open_end ? 0u : en};
            if (bits != 3) {
                const index_t other = bits == 1 ? l.t : l.s;
                l.status = responded[other] ? 1 : 2;
            }
            d.links.push_back(l);
            k = e;
        }
    }

    /// The kept links of a view, column-wise for Network::add_links (remap: structure
    /// index -> network index): one link per derived link, an undirected type giving one
    /// link (the network knows the type is undirected), a directed one an arc.
    static LinkColumns link_columns(const Derived& d, View view, const std::vector<index_t>& remap) {
        std::size_t nl = 0;
        for (const auto& l : d.links) nl += keep(view, l.status) ? 1 : 0;
        // Column-wise into add_links. The types are already declared (declare_link_types,
        // in vocabulary order); statuses enter the network's table in order of first use,
        // as add_link would intern them; the dates table is taken whole (its order is not
        // observable).
        LinkColumns c;
        c.dates = d.dates;
        std::vector<std::uint32_t> type_at(d.types.size(), UINT32_MAX), status_at(std::size(status_names), UINT32_MAX);
        auto at = [](std::vector<std::uint32_t>& to, std::vector<std::string>& table, std::uint32_t k,
                     const std::string& name) {
            if (to[k] == UINT32_MAX) {
                to[k] = static_cast<std::uint32_t>(table.size());
                table.push_back(name);
            }
            return to[k];
        };
        for (auto* col : {&c.source, &c.target, &c.type, &c.start, &c.end, &c.status}) col->resize(nl);
        c.weight.resize(nl);
        std::vector<Value> by;
        by.reserve(nl);
        std::size_t k = 0;
        auto put = [&](index_t s, index_t t, const CLink& l, std::uint32_t type, std::uint32_t status) {
            c.source[k] = s;
            c.target[k] = t;
            c.type[k] = type;
            c.weight[k] = l.weight;
            c.start[k] = l.start;
            c.end[k] = l.end;
            c.status[k] = status;
            ++k;
        };
        for (const auto& l : d.links) {
            if (!keep(view, l.status)) continue;
            auto& b = std::get<std::string>(by.emplace_back(std::in_place_type<std::string>));
            if (l.bits & 1) b = d.structures[l.s].code;
            if (l.bits & 2) (b += b.empty() ? "" : "|") += d.structures[l.t].code;
            const auto type = at(type_at, c.types, l.type, d.types[l.type]);
            const auto status = at(status_at, c.statuses, l.status, status_names[l.status]);
            put(remap[l.s], remap[l.t], l, type, status);
        }
        c.attributes.emplace_back("declared_by", std::move(by));
        return c;
    }

    /// Declares the link-type vocabulary in a network: each type's direction, and its
    /// label, family and other attributes (label_fr, label_en, description...).
    void declare_link_types(Network& net) const {
        std::vector<std::pair<std::int64_t, std::uint32_t>> at;  // link_types.id -> network type
        {
            auto s = prepare("SELECT id, code, label, family, directed FROM link_types ORDER BY id");
            s.rows_of("link_types", "id");
            while (s.step()) {
                Attributes a;
                if (auto label = s.opt_text(2)) a.emplace("label", std::string(*label));
                if (auto family = s.opt_text(3)) a.emplace("family", std::string(*family));
                at.emplace_back(s.id(0), net.set_link_type(s.text(1, TextRule::identifier), s.flag(4), std::move(a)));
            }
        }
        auto s = prepare("SELECT type, name, value FROM link_type_attributes ORDER BY type, name");
        s.rows_of("link_type_attributes", "type, name");
        while (s.step()) {
            const auto it = std::lower_bound(at.begin(), at.end(), std::pair{s.integer(0), std::uint32_t{0}});
            if (s.type(0) != SQLITE_INTEGER || it == at.end() || it->first != s.integer(0))
                s.bad(0, "not the id of a row of link_types");
            Attributes a;
            a.emplace(std::string(s.text(1, TextRule::identifier)), std::string(s.text(2)));
            net.set_link_type(net.type_names()[it->second], std::nullopt, std::move(a));
        }
    }

    /// The network of a wave (Inventory::network). After the scan of the declarations
    /// (SQLite), two threads: this one reads the structures' rows (SQLite again: the
    /// connection is used by one thread) and adds those taking part to the network,
    /// while a worker merges the arcs into links and lays them out for add_links.
    Network network(const std::string& wave, View view) const {
        std::vector<Arc> arcs;
        Derived d = scan(wave, arcs);
        const auto n = d.structures.size();
        std::vector<index_t> remap(n, UINT32_MAX);
        index_t ns = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (d.participates[i]) remap[i] = ns++;
        LinkColumns cols;
        std::exception_ptr failure;
        std::jthread worker([&] {
            try {
                merge(d, arcs);
                std::vector<Arc>().swap(arcs);
                cols = link_columns(d, view, remap);
            } catch (...) {
                failure = std::current_exception();
            }
        });
        auto rows = load_structures();  // the same snapshot and order (by id) as d.structures
        if (rows.size() != n) throw storage_error(path + ": the structures changed during a read");
        Network net;
        declare_link_types(net);
        std::size_t na = 0;
        for (std::size_t i = 0; i < n; ++i) na += d.participates[i] ? rows[i].aliases.size() : 0;
        net.reserve(ns, 0, na);
        for (std::size_t i = 0; i < n; ++i) {
            if (!d.participates[i]) continue;
            auto& s = rows[i];
            Attributes a = std::move(s.attributes);
            if (s.siren) a.insert_or_assign("siren", *s.siren);
            if (s.rna) a.insert_or_assign("rna", *s.rna);
            if (s.legal_family) a.insert_or_assign("legal_family", *s.legal_family);
            if (!d.response[i].empty()) a.insert_or_assign("response", d.response[i]);
            net.add_structure(std::move(s.code), std::move(s.name), std::move(a), std::move(s.aliases));
        }
        worker.join();
        if (failure) std::rethrow_exception(failure);
        net.add_links(std::move(cols));
        return net;
    }

    /// Structures taking part and the distinct undirected partners of each, in a view.
    static std::vector<std::size_t> degrees(const Derived& d, View view) {
        std::vector<std::pair<index_t, index_t>> pairs;
        for (const auto& l : d.links)
            if (keep(view, l.status)) pairs.emplace_back(std::min(l.s, l.t), std::max(l.s, l.t));
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        std::vector<std::size_t> deg(d.structures.size(), 0);
        for (const auto& [a, b] : pairs) {
            ++deg[a];
            ++deg[b];
        }
        return deg;
    }
};

// ---- public API -------------------------------------------------------------------------------

namespace {
/// Stored data that the Network model refuses (a bad date, a weight, a duplicate id...)
/// was not written by coopmap's validated imports: the file is damaged or was edited
/// by another program. Reported as storage_error naming the file.
[[noreturn]] void stored_data_error(const std::string& path, const input_error& e) {
    throw storage_error(path + ": the inventory is damaged or was edited by another program (" +
                        std::string(e.what()) + "); restore it from a copy");
}
}  // namespace

Inventory::Inventory(const std::string& path, const InventoryOptions& options) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (path.empty()) throw input_error("Inventory: the path must not be empty");
    impl_->open(options);
}
Inventory::~Inventory() = default;
Inventory::Inventory(Inventory&&) noexcept = default;
Inventory& Inventory::operator=(Inventory&&) noexcept = default;

const std::string& Inventory::path() const noexcept { return impl_->path; }

void Inventory::close() {
    if (impl_->db) {
        sqlite3_close_v2(impl_->db);
        impl_->db = nullptr;
    }
}

ImportReport Inventory::import_csv(const ImportFiles& files) { return impl_->import_csv(files); }

std::vector<DerivedLink> Inventory::links(const std::string& wave, View view) const {
    Impl::ReadTx tx(impl_.get());
    auto d = impl_->derive(wave);
    std::vector<DerivedLink> out;
    for (const auto& l : d.links) {
        if (!keep(view, l.status)) continue;
        DerivedLink x;
        x.source = d.structures[l.s].code;
        x.target = d.structures[l.t].code;
        x.type = d.types[l.type];
        x.directed = d.type_directed[l.type];
        x.weight = l.weight;
        x.start = d.dates[l.start];
        x.end = d.dates[l.end];
        x.status = status_names[l.status];
        if (l.bits & 1) x.declared_by.push_back(x.source);
        if (l.bits & 2) x.declared_by.push_back(x.target);
        x.declarations = l.n;
        out.push_back(std::move(x));
    }
    return out;
}

Network Inventory::network(const std::string& wave, View view) const {
    Impl::ReadTx tx(impl_.get());
    try {
        return impl_->network(wave, view);
    } catch (const input_error& e) {
        stored_data_error(impl_->path, e);
    }
}

WaveComparison Inventory::compare(const std::string& before, const std::string& after, View view) const {
    Impl::ReadTx tx(impl_.get());  // both waves from one snapshot: same structures and types
    const auto a = impl_->derive(before);
    const auto b = impl_->derive(after);  // same structures and types tables
    if (a.structures.size() != b.structures.size() || a.types.size() != b.types.size())
        throw storage_error(impl_->path + ": the structures changed during a read");
    WaveComparison c;
    c.before = before;
    c.after = after;
    c.view = view;
    auto key = [](const CLink& l) { return std::tuple{l.s, l.t, l.type}; };
    auto lk = [&](const CLink& l) { return LinkKey{a.structures[l.s].code, a.structures[l.t].code, a.types[l.type]}; };
    // Both lists are sorted by key; walk every declared link of either wave, so that a
    // link declared in both is matched whatever its status (never new or lost).
    std::size_t i = 0, j = 0, in_union = 0;
    while (i < a.links.size() || j < b.links.size()) {
        const CLink* la = nullptr;
        const CLink* lb = nullptr;
        if (j == b.links.size() || (i < a.links.size() && key(a.links[i]) < key(b.links[j]))) la = &a.links[i++];
        else if (i == a.links.size() || key(b.links[j]) < key(a.links[i])) lb = &b.links[j++];
        else {
            la = &a.links[i++];
            lb = &b.links[j++];
        }
        const bool va = la && keep(view, la->status), vb = lb && keep(view, lb->status);
        if (!va && !vb) continue;
        ++in_union;
        if (la && lb) {
            if (va && vb) c.kept_links.push_back(lk(*la));
            if (la->status != lb->status)
                c.status_changed.push_back(StatusChange{lk(*la), status_names[la->status], status_names[lb->status]});
        } else if (la) {
            c.lost_links.push_back(lk(*la));
        } else {
            c.new_links.push_back(lk(*lb));
        }
    }
    c.jaccard = in_union ? static_cast<double>(c.kept_links.size()) / static_cast<double>(in_union)
                         : std::numeric_limits<double>::quiet_NaN();
    const auto da = Impl::degrees(a, view), db = Impl::degrees(b, view);
    for (std::size_t k = 0; k < a.structures.size(); ++k) {
        const bool pa = a.participates[k], pb = b.participates[k];
        if (!pa && !pb) continue;
        if (pb && !pa) c.joined.push_back(a.structures[k].code);
        if (pa && !pb) c.left.push_back(a.structures[k].code);
        c.degrees.push_back(DegreeChange{a.structures[k].code, da[k], db[k], pa, pb});
        if (!a.response[k].empty() && !a.responded[k]) c.non_respondents_before.push_back(a.structures[k].code);
        if (!b.response[k].empty() && !b.responded[k]) c.non_respondents_after.push_back(b.structures[k].code);
    }
    return c;
}

ResponseRate Inventory::response_rate(const std::string& wave) const {
    const auto w = impl_->require_wave(wave);
    ResponseRate r;
    r.wave = wave;
    // (min(structure): a row holding the status, named when the status is none of the four)
    auto s = impl_->prepare("SELECT wave, min(structure), status, count(*) FROM responses WHERE wave = ? GROUP BY status");
    s.bind(1, w);
    s.rows_of("responses", "wave, structure");
    while (s.step()) {
        const auto st = s.bytes(2);
        const auto n = static_cast<std::size_t>(s.integer(3));
        if (st == "complete") r.complete = n;
        else if (st == "partial") r.partial = n;
        else if (st == "refused") r.refused = n;
        else if (st == "unreached") r.unreached = n;
        else s.bad(2, "not complete, partial, refused or unreached");
        r.surveyed += n;
    }
    r.rate = r.surveyed ? static_cast<double>(r.complete + r.partial) / static_cast<double>(r.surveyed)
                        : std::numeric_limits<double>::quiet_NaN();
    return r;
}

std::vector<std::string> Inventory::waves() const {
    std::vector<std::string> out;
    auto s = impl_->prepare("SELECT code FROM waves ORDER BY id");
    while (s.step()) out.emplace_back(s.text(0));
    return out;
}

std::vector<LinkTypeInfo> Inventory::link_types() const {
    std::vector<LinkTypeInfo> out;
    auto s = impl_->prepare("SELECT id, code, label, family, directed FROM link_types ORDER BY id");
    s.rows_of("link_types", "id");
    while (s.step())
        out.push_back(LinkTypeInfo{std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)), s.flag(4)});
    return out;
}

std::vector<std::pair<std::string, std::size_t>> Inventory::counts() const {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const char* t : {"structures", "aliases", "groups", "affiliations", "link_types", "waves", "responses",
                          "declarations"}) {
        auto s = impl_->prepare(std::string("SELECT count(*) FROM ") + t);  // fixed table names, no user input
        s.step();
        out.emplace_back(t, static_cast<std::size_t>(s.integer(0)));
    }
    return out;
}

namespace {
struct Affiliation {
    std::size_t structure;  // dense index
    std::uint32_t group;
    std::string role, start, end;
};
}  // namespace

Network Inventory::affiliation_network(const AffiliationOptions& options) const try {
    if (!options.active_on.empty() && !is_iso_date(options.active_on))
        throw input_error("active_on '" + options.active_on + "' is not an ISO date");
    Impl::ReadTx tx(impl_.get());
    auto structures = impl_->load_structures();
    std::vector<std::string> groups;
    std::unordered_map<std::int64_t, std::uint32_t> gidx;
    {
        auto s = impl_->prepare("SELECT id, code FROM groups ORDER BY id");
        s.rows_of("groups", "id");
        while (s.step()) {
            gidx.emplace(s.id(0), static_cast<std::uint32_t>(groups.size()));
            groups.emplace_back(s.text(1, TextRule::identifier));
        }
    }
    for (const auto& g : options.groups)
        if (std::find(groups.begin(), groups.end(), g) == groups.end())
            throw not_found(g, "unknown group '" + g + "'");
    std::unordered_map<std::int64_t, std::size_t> sidx;
    for (std::size_t i = 0; i < structures.size(); ++i) sidx.emplace(structures[i].rowid, i);
    std::vector<Affiliation> affs;
    auto s = impl_->prepare(
        "SELECT id, structure, grp, role, start_date, end_date FROM affiliations ORDER BY structure, id");
    s.rows_of("affiliations", "id");
    auto find = [&s](const auto& index, int col, const char* table) {
        const auto it = s.type(col) == SQLITE_INTEGER ? index.find(s.integer(col)) : index.end();
        if (it == index.end()) s.bad(col, std::string("not the id of a row of ") + table);
        return it->second;
    };
    while (s.step()) {
        Affiliation a{find(sidx, 1, "structures"), find(gidx, 2, "groups"), std::string(s.text(3)),
                      std::string(s.text(4)), std::string(s.text(5))};
        if (!options.groups.empty() &&
            std::find(options.groups.begin(), options.groups.end(), groups[a.group]) == options.groups.end())
            continue;
        if (!options.roles.empty() && std::find(options.roles.begin(), options.roles.end(), a.role) == options.roles.end())
            continue;
        if (!options.active_on.empty() && ((!a.start.empty() && compare_dates(a.start, options.active_on) > 0) ||
                                           (!a.end.empty() && compare_dates(options.active_on, a.end) > 0)))
            continue;
        affs.push_back(std::move(a));
    }
    std::vector<char> used_s(structures.size(), 0), used_g(groups.size(), 0);
    for (const auto& a : affs) used_s[a.structure] = used_g[a.group] = 1;
    Network net(false);
    std::vector<index_t> snode(structures.size(), UINT32_MAX), gnode(groups.size(), UINT32_MAX);
    for (std::size_t i = 0; i < structures.size(); ++i) {
        if (!used_s[i]) continue;
        auto& st = structures[i];
        Attributes a = std::move(st.attributes);
        if (st.siren) a.insert_or_assign("siren", *st.siren);
        if (st.rna) a.insert_or_assign("rna", *st.rna);
        if (st.legal_family) a.insert_or_assign("legal_family", *st.legal_family);
        a.insert_or_assign("kind", std::string("structure"));
        a.insert_or_assign("bipartite", std::int64_t(0));
        snode[i] = net.add_structure(st.code, st.name, std::move(a), std::move(st.aliases));
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (!used_g[g]) continue;
        std::string id = groups[g];
        bool clash = false;
        for (const auto& st : structures) {
            if (st.code == id || std::find(st.aliases.begin(), st.aliases.end(), id) != st.aliases.end()) clash = true;
        }
        if (clash || net.contains(id)) id = "group:" + id;
        gnode[g] = net.add_structure(id, groups[g],
                                     Attributes{{"kind", std::string("group")}, {"bipartite", std::int64_t(1)}});
    }
    for (const auto& a : affs) {
        Attributes at;
        if (!a.role.empty()) at.emplace("role", a.role);
        net.add_link(snode[a.structure], gnode[a.group], "affiliation", 1.0, a.start, a.end, {}, std::move(at));
    }
    return net;
} catch (const input_error& e) {
    if (!options.active_on.empty() && !is_iso_date(options.active_on)) throw;
    stored_data_error(impl_->path, e);
}

Network Inventory::affiliation_projection(const AffiliationOptions& options, bool weighted) const {
    const Network b = affiliation_network(options);
    Network net(false);
    std::vector<index_t> node(b.number_of_structures(), UINT32_MAX);
    for (index_t i = 0; i < b.number_of_structures(); ++i) {
        const auto& s = b.structure(i);
        auto it = s.attributes.find("kind");
        if (std::get<std::string>(it->second) != "structure") continue;
        Attributes a = s.attributes;
        a.erase("kind");
        a.erase("bipartite");
        node[i] = net.add_structure(s.id, s.name, std::move(a), s.aliases);
    }
    // members of each group (distinct, sorted by projection index)
    std::map<index_t, std::vector<index_t>> members;
    for (const auto& l : b.links()) members[l.target].push_back(node[l.source]);
    std::map<std::pair<index_t, index_t>, std::vector<index_t>> shared;
    for (auto& [g, m] : members) {
        std::sort(m.begin(), m.end());
        m.erase(std::unique(m.begin(), m.end()), m.end());
        for (std::size_t x = 0; x < m.size(); ++x)
            for (std::size_t y = x + 1; y < m.size(); ++y) shared[{m[x], m[y]}].push_back(g);
    }
    for (const auto& [pair, gs] : shared) {
        std::string names;
        for (auto g : gs) (names += names.empty() ? "" : "|") += b.structure(g).name;
        net.add_link(pair.first, pair.second, "shared_group", weighted ? static_cast<double>(gs.size()) : 1.0, {}, {}, {},
                     Attributes{{"groups", names}});
    }
    return net;
}

}  // namespace coopmap
