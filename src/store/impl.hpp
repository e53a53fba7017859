// Private to src/store/: Inventory::Impl (the connection and its jobs) and the internals its files share.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "coopmap/detail/flat_string_map.hpp"
#include "coopmap/io.hpp"
#include "coopmap/store.hpp"
#include "csv/reader.hpp"
#include "store/sqlite.hpp"

// The files of src/store/, one job each:
//   sqlite.hpp/.cpp        thin SQLite wrappers (Stmt, IdIndex, errors, stored attributes)
//   schema.cpp             opening: file checks, schema and migrations, WAL, hardening
//   lookups.cpp            reading the names, link types, waves and structures tables
//   import.cpp             Inventory::import_csv: one transaction over the importers below
//   import_structures.cpp, import_link_types.cpp, import_affiliations.cpp,
//   import_responses.cpp, import_declarations.cpp    one importer per file kind
//   derive.cpp             derivation of links and networks from declarations
//   compare.cpp            comparison of two waves
//   affiliations.cpp       the affiliation network and its projection
//   inventory.cpp          the other public Inventory methods (thin, or small queries)

namespace coopmap::store {

using detail::CsvReader;

enum Dir : std::uint8_t { dir_none = 0, dir_out = 1, dir_in = 2, dir_both = 3 };

/// A stored direction: NULL (out, the default), 'out', 'in' or 'both', as the importer
/// writes it; anything else is bad() (it used to drop the declaration silently).
inline std::uint8_t stored_direction(const Stmt& s, int i) {
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

inline std::optional<std::string> opt(std::string_view s) {
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
    index_t s, t;         // dense structure indices (inventory order)
    std::uint32_t type;   // index into Derived::types
    std::uint8_t bits;    // 1: declared by s, 2: declared by t
    std::uint8_t status;  // 0 confirmed, 1 unconfirmed, 2 partner_did_not_respond
    std::uint32_t n;      // declarations merged
    double weight;
    std::uint32_t start, end;  // date indices, 0 = none
};

/// One declaration as read for derivation, oriented (s, t); merged into CLinks.
struct Arc {
    index_t s, t;
    std::uint32_t type;
    std::uint8_t bits;  // 1: declared by s, 2: declared by t
    double w;
    std::uint32_t start, end;  // date indices; end: UINT32_MAX when open
};

/// The declarations of wave ?1 (alias d), read through the id ranges its imports wrote
/// (declaration_spans), in storage order.
inline constexpr const char* kWaveDeclarations =
    " FROM declaration_spans s JOIN declarations d ON d.id BETWEEN s.first_id AND s.last_id"
    " WHERE s.wave = ?1 AND d.wave = ?1";

inline constexpr const char* status_names[] = {"confirmed", "unconfirmed", "partner_did_not_respond"};

inline bool keep(View v, std::uint8_t status) {
    switch (v) {
        case View::union_: return true;
        case View::confirmed: return status == 0;
        case View::reconstructed: return status != 1;
    }
    return true;
}

/// Names, link types and counts of one import (Inventory::import_csv), passed to each importer.
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

/// The derived links of a wave, with the tables they index (Inventory::Impl::derive).
struct Derived {
    std::vector<StructureRow> structures;  // inventory order
    std::vector<std::string> types;        // index -> code
    std::vector<char> type_directed;
    std::vector<std::string> dates;     // [0] = ""
    std::vector<CLink> links;           // sorted by (s, t, type)
    std::vector<char> participates;     // per structure
    std::vector<std::string> response;  // per structure, "" when no row
    std::vector<char> responded;        // per structure: complete or partial response
};

/// Records the counts of one table; the totals only sum the rows of the files
/// (structures, link types, affiliations, responses, declarations), not the records
/// they imply (aliases, groups, waves).
void add_count(ImportReport& r, const ImportCount& c, bool in_totals = true);

/// Checks a row's start and end dates (ISO, end not before start); fail(column,
/// message) reports the row's error.
template <class Fail>
void check_dates(Fail&& fail, const std::vector<std::string>& f, std::size_t c_start, std::size_t c_end) {
    for (auto c : {c_start, c_end})
        if (c != CsvReader::npos && !f[c].empty() && !is_iso_date(f[c]))
            fail(c, std::string(c == c_start ? "start" : "end") + " date '" + f[c] +
                        "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
    if (c_start != CsvReader::npos && c_end != CsvReader::npos && !f[c_start].empty() && !f[c_end].empty() &&
        compare_dates(f[c_end], f[c_start]) < 0)
        fail(c_end, "end " + f[c_end] + " is before start " + f[c_start]);
}

/// Stored data that the Network model refuses (a bad date, a weight, a duplicate id...)
/// was not written by coopmap's validated imports: the file is damaged or was edited
/// by another program. Reported as storage_error naming the file.
[[noreturn]] void stored_data_error(const std::string& path, const input_error& e);

}  // namespace coopmap::store

namespace coopmap {

using namespace coopmap::store;  // (src/store/ only: this header is private)

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

    // ---- schema.cpp: opening ------------------------------------------------------------
    /// Opens the connection: read-write (creating the file) or read-only; `immutable`:
    /// SQLite's immutable mode (no locks, no -wal or -shm file, the file assumed never to
    /// change), for a read-only inventory where those files cannot be created.
    void connect(bool immutable);
    /// The first read of the file (its schema): SQLITE_OK or the error code.
    int first_read() const;
    /// Opens the file; an existing one ("from elsewhere") is checked before anything is
    /// written to it (WAL mode, migration): a refused file is left exactly as it was.
    void open(const InventoryOptions& opt);
    /// PRAGMA journal_mode = WAL, retried until busy_timeout_ms has passed.
    void set_wal() const;
    /// A truncated file (a size that SQLite itself may not notice): storage_error.
    void check_file_size() const;
    /// An existing file of schema version `version`: exactly coopmap's schema, intact.
    void check_foreign_file(int version) const;
    /// Brings the file to schema_version (one write transaction).
    void migrate();

    // ---- lookups.cpp ----------------------------------------------------------------------
    detail::FlatStringMap<NameRef> load_names() const;
    StringMap<TypeRef> load_types() const;
    std::optional<std::int64_t> wave_id(const std::string& code) const;
    /// The id of a wave, else not_found listing the waves.
    std::int64_t require_wave(const std::string& code) const;
    /// Every structure in inventory order, with aliases and attributes.
    std::vector<StructureRow> load_structures() const;

    // ---- import.cpp and import_*.cpp --------------------------------------------------------
    ImportReport import_csv(const ImportFiles& files);
    /// The structure named by the row's cell (an id or alias), else the row's parse_error.
    std::int64_t resolve_structure(CsvReader& r, const std::vector<std::string>& f, std::size_t col,
                                   const ImportState& st, const char* what) const;
    std::int64_t ensure_wave(const std::string& code, ImportState& st) const;
    void import_structures(const std::string& file, ImportState& st) const;
    void import_link_types(const std::string& file, ImportState& st) const;
    void import_affiliations(const std::string& file, ImportState& st) const;
    void import_responses(const std::string& file, std::int64_t wave, ImportState& st) const;
    void import_declarations(const std::string& file, std::int64_t wave, ImportState& st) const;
    /// Records that ids first .. first + n - 1 of declarations are rows of wave.
    void record_span(std::int64_t wave, std::int64_t first, std::size_t n) const;

    // ---- derive.cpp -------------------------------------------------------------------------
    /// Derives the links of a wave (the structures with their ids only).
    Derived derive(const std::string& wave_code) const;
    /// The first half of derive: the tables and the wave's declarations as arcs (SQLite's part).
    Derived scan(const std::string& wave_code, std::vector<Arc>& arcs) const;
    /// Declares the link-type vocabulary in a network.
    void declare_link_types(Network& net) const;
    /// The network of a wave (Inventory::network).
    Network network(const std::string& wave, View view) const;
};

}  // namespace coopmap
