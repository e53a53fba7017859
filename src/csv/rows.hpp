// Row rules shared by the CSV readers (csv/io.cpp) and the Inventory importers (store/).
#pragma once
// Header checks, the structures file and the responses file, read the same way by both.
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coopmap/error.hpp"
#include "coopmap/network.hpp"
#include "csv/reader.hpp"

namespace coopmap::detail {

/// The header's column names joined with ", " (for messages).
inline std::string join_header(const CsvReader& r) {
    std::string s;
    for (const auto& h : r.header()) s += (s.empty() ? "" : ", ") + h;
    return s;
}

/// Requires the named columns and, unless `allowed` is empty, refuses columns outside
/// it: parse_error on line 1 naming the column and the header (or the allowed ones).
inline void check_columns(const CsvReader& r, std::initializer_list<const char*> required,
                          std::initializer_list<const char*> allowed) {
    for (const char* c : required)
        if (r.column(c) == CsvReader::npos)
            throw parse_error(
                r.path(), 1, 0, "",
                std::string("missing required column '") + c + "' (the header has: " + join_header(r) + ")");
    if (allowed.size() == 0) return;
    for (std::size_t i = 0; i < r.header().size(); ++i) {
        const auto& h = r.header()[i];
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return h == a; })) {
            std::string list;
            for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            throw parse_error(r.path(), 1, i + 1, h, "unknown column '" + h + "' (allowed: " + list + ")");
        }
    }
}

/// Reads a structures file into net (its header checked, ids, aliases and typed
/// attributes validated; a parse_error names file, line and column). lines, when given,
/// receives the line of each structure read, in order (defined in csv/io.cpp).
void read_structures(Network& net, CsvReader& r, std::vector<std::size_t>* lines = nullptr);

/// Reads a responses file (columns `structure` and `status`, nothing else): for each row,
/// key = resolve(r, fields, structure column) (which fails the row for an unknown
/// structure), then the status must be complete, partial, refused or unreached and no
/// structure may answer twice (the message names the first line, with name_of(key));
/// then emit(key, status). Every error is a parse_error naming file, line and column.
template <class Key, class Resolve, class NameOf, class Emit>
void read_response_rows(CsvReader& r, Resolve&& resolve, NameOf&& name_of, Emit&& emit) {
    check_columns(r, {"structure", "status"}, {"structure", "status"});
    const auto c_s = r.column("structure"), c_st = r.column("status");
    std::unordered_map<Key, std::size_t> seen;  // key -> line
    std::vector<std::string> f;
    std::vector<char> q;
    while (r.next(f, q)) {
        const Key s = resolve(r, f, c_s);
        const auto& status = f[c_st];
        if (status != "complete" && status != "partial" && status != "refused" && status != "unreached")
            r.fail(c_st, "response status must be complete, partial, refused or unreached, got '" + status + "'");
        if (auto [it, fresh] = seen.emplace(s, r.line()); !fresh)
            r.fail(c_s, "duplicate response of structure '" + name_of(s) + "' (first on line " +
                            std::to_string(it->second) + ")");
        emit(s, status);
    }
}

}  // namespace coopmap::detail
