// Thin SQLite wrappers of the inventory: Stmt (checked reads of stored values), IdIndex, errors.
#pragma once
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap::store {

/// Throws storage_error "path: what: SQLite's message" (with a hint for a locked file).
[[noreturn]] void fail_db(sqlite3* db, const std::string& path, const std::string& what);

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
        if (ids_.empty() ||
            static_cast<std::uint64_t>(ids_.back()) > 2 * static_cast<std::uint64_t>(ids_.size()) + 1024)
            return;
        direct_.assign(static_cast<std::size_t>(ids_.back()) + 1, npos);
        for (std::size_t i = 0; i < ids_.size(); ++i)
            direct_[static_cast<std::size_t>(ids_[i])] = static_cast<std::uint32_t>(i);
    }
    std::uint32_t find(std::int64_t id) const {
        if (!direct_.empty())
            return id > 0 && static_cast<std::uint64_t>(id) < direct_.size() ? direct_[static_cast<std::size_t>(id)]
                                                                             : npos;
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
    [[noreturn]] void bad(int i, const std::string& what) const;
    /// The current row's key, as "id 5" or "(wave 1, structure 3)".
    std::string row() const;
    /// A stored value for a message: NULL, a number, a text quoted (at most 40 bytes;
    /// bytes outside printable ASCII as \xHH) or the size of a blob.
    std::string shown(int i) const;
    /// A positive integer (an id or a reference to one), else bad().
    std::int64_t id(int i) const {
        if (sqlite3_column_type(s_, i) == SQLITE_INTEGER)
            if (const auto v = sqlite3_column_int64(s_, i); v > 0) return v;
        bad(i, "not a positive integer id");
    }
    /// The index in `index` of the id held by column i (a reference to a row of
    /// `table`), else bad().
    std::uint32_t ref(int i, const IdIndex& index, const char* table) const {
        const auto k =
            sqlite3_column_type(s_, i) == SQLITE_INTEGER ? index.find(sqlite3_column_int64(s_, i)) : IdIndex::npos;
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
        while (step()) {}
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
Value stored_attribute(const Stmt& t, int kind, int value);

/// Writes one attribute with `put` (parameters: structure, name, kind, value), as
/// stored_attribute reads it back.
void store_attribute(Stmt& put, std::int64_t rowid, const std::string& k, const Value& v);

}  // namespace coopmap::store
