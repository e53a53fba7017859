// CSV I/O of a Network (coopmap/io.hpp): read_csv, read_csv_text, read_responses, write_csv.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>
#include <unordered_set>

#include "coopmap/detail/atomic_file.hpp"
#include "coopmap/io.hpp"
#include "csv/reader.hpp"
#include "csv/rows.hpp"
#include "csv/values.hpp"

namespace coopmap {

namespace {

using detail::CsvReader;
using detail::is_scalar_text;
using detail::is_typed_number;
using detail::parse_bool;
using detail::parse_canonical_int;
using detail::parse_double;

/// A cell's text as quoted in an error message: at most 80 bytes (cut at a UTF-8
/// character boundary, "... (N bytes)" appended), so that a huge field never makes a
/// huge message.
std::string shown(std::string_view s) {
    constexpr std::size_t kMax = 80;
    if (s.size() <= kMax) return std::string(s);
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return std::string(s.substr(0, cut)) + "... (" + std::to_string(s.size()) + " bytes)";
}

/// The message for a structure cell that names no structure: the closest ids listed.
std::string unknown_structure(const Network& net, std::string_view word) {
    std::vector<std::string> ids;
    ids.reserve(net.number_of_structures());
    for (const auto& s : net.structures()) ids.push_back(s.id);
    return "unknown structure '" + shown(word) + "' (not an id or alias in the structures file)" +
           detail::known_words(word, ids);
}


/// Raw cells of one attribute column, typed once the whole file is read.
struct AttributeColumn {
    std::size_t index;  // in the file
    std::string name;
    std::vector<std::string> cells;  // one per kept row
    std::vector<char> quoted;
};

enum class ColumnType { integer, real, boolean, text };

/// The type of a column's unquoted non-empty cells: all integers -> integer, all
/// numbers -> real, all booleans -> boolean, otherwise text (quoted cells are text).
ColumnType column_type(const AttributeColumn& col, bool decimal_comma) {
    bool all_int = true, all_num = true, all_bool = true;
    for (std::size_t r = 0; r < col.cells.size(); ++r) {
        const auto& c = col.cells[r];
        if (col.quoted[r] || c.empty()) continue;
        std::int64_t i;
        double d;
        bool b;
        all_int = all_int && parse_canonical_int(c, i);
        all_num = all_num && is_typed_number(c, decimal_comma, d);
        all_bool = all_bool && parse_bool(c, b);
        if (!all_num && !all_bool) return ColumnType::text;
    }
    return all_int ? ColumnType::integer : all_num ? ColumnType::real : ColumnType::boolean;
}

/// Types each column and calls set(row, name, value) for every present cell.
template <class Set>
void apply_attributes(std::vector<AttributeColumn>& cols, bool decimal_comma, Set&& set) {
    for (auto& col : cols) {
        const auto type = column_type(col, decimal_comma);
        for (std::size_t r = 0; r < col.cells.size(); ++r) {
            auto& c = col.cells[r];
            if (c.empty() && !col.quoted[r]) continue;
            Value v;
            if (col.quoted[r] || type == ColumnType::text) v = std::move(c);
            else if (type == ColumnType::integer) {
                std::int64_t i = 0;
                parse_canonical_int(c, i);
                v = i;
            } else if (type == ColumnType::real) {
                double d = 0;
                is_typed_number(c, decimal_comma, d);
                v = d;
            } else {
                bool b = false;
                parse_bool(c, b);
                v = b;
            }
            set(r, col.name, std::move(v));
        }
        std::vector<std::string>().swap(col.cells);
    }
}

/// A header name that becomes an attribute name must be TextRule::identifier: a
/// parse_error on line 1 otherwise.
void check_attribute_name(const CsvReader& r, std::size_t i) {
    if (auto f = text_fault(r.header()[i], TextRule::identifier); !f.empty()) r.fail_at(1, i, "attribute name " + f);
}

/// The columns that are not fields of the model (is_reserved: a field name).
std::vector<AttributeColumn> attribute_columns(const CsvReader& r, bool (*is_reserved)(std::string_view)) {
    std::vector<AttributeColumn> cols;
    for (std::size_t i = 0; i < r.header().size(); ++i)
        if (!is_reserved(r.header()[i])) {
            check_attribute_name(r, i);
            cols.push_back(AttributeColumn{i, r.header()[i], {}, {}});
        }
    return cols;
}

/// Keeps a row's attribute cells, each checked (TextRule::text: a string value could hold
/// it; numbers and booleans always pass) with `who` naming the structure or link.
template <class Who>
void keep_cells(CsvReader& r, std::vector<AttributeColumn>& cols, const std::vector<std::string>& f,
                const std::vector<char>& q, Who&& who) {
    for (auto& col : cols) {
        const auto& cell = f[col.index];
        if (auto fault = text_fault(cell, TextRule::text); !fault.empty())
            r.fail(col.index, who() + ": attribute '" + col.name + "': value " + fault);
        col.cells.push_back(cell);
        col.quoted.push_back(q[col.index]);
    }
}

}  // namespace

void detail::read_structures(Network& net, CsvReader& r, std::vector<std::size_t>* lines) {
    check_columns(r, {"id"}, {});
    const auto c_id = r.column("id");
    const auto c_name = r.column("name"), c_aliases = r.column("aliases");
    auto cols = attribute_columns(r, &is_reserved_structure_attribute);
    std::vector<std::size_t> own;
    std::vector<std::size_t>& first_line = lines ? *lines : own;  // line of each structure, for duplicate messages
    first_line.clear();
    std::vector<std::string> f;
    std::vector<char> q;
    std::vector<std::string_view> split;  // the row's aliases, trimmed (views into its cell)
    while (r.next(f, q)) {
        const auto& id = f[c_id];
        if (id.empty()) r.fail(c_id, "empty structure id");
        if (auto fault = text_fault(id, TextRule::identifier); !fault.empty()) r.fail(c_id, "structure id " + fault);
        if (auto prev = net.find(id)) {
            if (net.structure(*prev).id == id)
                r.fail(c_id, "duplicate structure id '" + shown(id) + "' (first defined on line " +
                                 std::to_string(first_line[*prev]) + ")");
            r.fail(c_id, "structure id '" + shown(id) + "' is already an alias of structure '" +
                             shown(net.structure(*prev).id) + "' (line " + std::to_string(first_line[*prev]) + ")");
        }
        if (c_name != CsvReader::npos)
            if (auto fault = text_fault(f[c_name], TextRule::text); !fault.empty())
                r.fail(c_name, "structure '" + shown(id) + "': name " + fault);
        std::vector<std::string> aliases;
        if (c_aliases != CsvReader::npos && !f[c_aliases].empty()) {
            std::string_view s = f[c_aliases];
            split.clear();
            for (;;) {
                const auto bar = s.find('|');
                std::string_view a = s.substr(0, bar);
                const auto b = a.find_first_not_of(" \t"), e = a.find_last_not_of(" \t");
                split.push_back(b == std::string_view::npos ? std::string_view() : a.substr(b, e - b + 1));
                if (bar == std::string_view::npos) break;
                s.remove_prefix(bar + 1);
            }
            const std::size_t twice = detail::first_repeated_text(split, id);  // the first alias given twice
            aliases.reserve(split.size());
            for (std::size_t k = 0; k < split.size(); ++k) {
                const auto a = split[k];
                if (a.empty()) r.fail(c_aliases, "empty alias in '" + shown(f[c_aliases]) + "'");
                if (auto fault = text_fault(a, TextRule::identifier); !fault.empty())
                    r.fail(c_aliases, "structure '" + shown(id) + "': alias " + fault);
                if (a == id) continue;
                if (k == twice) r.fail(c_aliases, "alias '" + shown(a) + "' given twice");
                if (auto other = net.find(a))
                    r.fail(c_aliases, "alias '" + shown(a) + "' is already used by structure '" +
                                          shown(net.structure(*other).id) + "' (line " +
                                          std::to_string(first_line[*other]) + ")");
                aliases.emplace_back(a);
            }
        }
        try {
            net.add_structure(id, c_name == CsvReader::npos ? std::string() : f[c_name], {}, std::move(aliases));
        } catch (const input_error& e) {
            r.fail(c_id, e.what());
        }
        first_line.push_back(r.line());
        keep_cells(r, cols, f, q, [&] { return "structure '" + shown(id) + "'"; });
    }
    apply_attributes(cols, r.delimiter() == ';', [&](std::size_t row, const std::string& name, Value v) {
        net.set_attribute(net.structure(static_cast<index_t>(row)).id, name, std::move(v));
    });
}

namespace {

/// The link types file: `code` (required), `directed` (true/false; empty: the network's
/// default), every other column a text attribute of the type (label, label_fr, ...).
void read_link_types(Network& net, CsvReader& r) {
    check_columns(r, {"code"}, {});
    const auto c_code = r.column("code"), c_dir = r.column("directed");
    std::vector<std::size_t> others;
    for (std::size_t k = 0; k < r.header().size(); ++k)
        if (k != c_code && k != c_dir && !r.header()[k].empty()) {
            check_attribute_name(r, k);
            others.push_back(k);
        }
    std::vector<std::string> f;
    std::vector<char> q;
    std::unordered_set<std::string> seen;
    while (r.next(f, q)) {
        if (f[c_code].empty()) r.fail(c_code, "empty link type code");
        if (auto fault = text_fault(f[c_code], TextRule::identifier); !fault.empty())
            r.fail(c_code, "link type code " + fault);
        if (!seen.insert(f[c_code]).second) r.fail(c_code, "link type '" + shown(f[c_code]) + "' given twice");
        std::optional<bool> directed;
        if (c_dir != CsvReader::npos && !f[c_dir].empty()) {
            bool b = false;
            if (!parse_bool(f[c_dir], b))
                r.fail(c_dir, "directed must be true or false, got '" + shown(f[c_dir]) + "'");
            directed = b;
        }
        Attributes a;
        for (auto k : others) {
            if (f[k].empty()) continue;
            if (auto fault = text_fault(f[k], TextRule::text); !fault.empty())
                r.fail(k, "link type '" + shown(f[c_code]) + "': attribute '" + r.header()[k] + "': value " + fault);
            a.emplace(r.header()[k], f[k]);
        }
        try {
            net.set_link_type(f[c_code], directed, std::move(a));
        } catch (const input_error& e) {
            r.fail(CsvReader::npos, e.what());
        }
    }
}

void read_links(Network& net, CsvReader& r, bool known_types_only) {
    check_columns(r, {"source", "target"}, {});
    const auto c_s = r.column("source"), c_t = r.column("target");
    const auto c_type = r.column("type"), c_w = r.column("weight"), c_start = r.column("start"),
               c_end = r.column("end"), c_status = r.column("status");
    auto cols = attribute_columns(r, &is_reserved_link_attribute);
    const bool decimal_comma = r.delimiter() == ';';
    std::vector<std::string> f;
    std::vector<char> q;
    while (r.next(f, q)) {
        index_t ends[2];
        for (int k = 0; k < 2; ++k) {
            const auto c = k == 0 ? c_s : c_t;
            if (f[c].empty()) r.fail(c, std::string("empty ") + (k == 0 ? "source" : "target"));
            auto i = net.find(f[c]);
            if (!i) r.fail(c, unknown_structure(net, f[c]));
            ends[k] = *i;
        }
        if (ends[0] == ends[1])
            r.fail(c_t,
                   "self-loop: source and target are the same structure '" + shown(net.structure(ends[0]).id) + "'");
        std::string_view type = "cooperation";
        if (c_type != CsvReader::npos && !f[c_type].empty()) type = f[c_type];
        if (auto fault = text_fault(type, TextRule::identifier); !fault.empty())
            r.fail(c_type, "link type code " + fault);
        if (c_status != CsvReader::npos)
            if (auto fault = text_fault(f[c_status], TextRule::identifier); !fault.empty())
                r.fail(c_status, "link " + net.describe(ends[0], ends[1]) + ": status " + fault);
        if (known_types_only && !net.has_link_type(type))
            r.fail(c_type, "unknown link type '" + shown(std::string(type)) + "' (not in the link types file)" +
                               detail::known_words(type, net.type_names()));
        double w = 1.0;
        if (c_w != CsvReader::npos && !f[c_w].empty()) {
            if (!parse_double(f[c_w], decimal_comma, w)) r.fail(c_w, "weight '" + shown(f[c_w]) + "' is not a number");
            if (!std::isfinite(w)) r.fail(c_w, "weight '" + shown(f[c_w]) + "' is not finite");
            if (!(w > 0)) r.fail(c_w, "weight must be > 0, got '" + shown(f[c_w]) + "'");
        }
        std::string_view dates[2];
        for (int k = 0; k < 2; ++k) {
            const auto c = k == 0 ? c_start : c_end;
            if (c == CsvReader::npos || f[c].empty()) continue;
            if (!is_iso_date(f[c]))
                r.fail(c, std::string(k == 0 ? "start" : "end") + " date '" + shown(f[c]) +
                              "' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
            dates[k] = f[c];
        }
        if (!dates[0].empty() && !dates[1].empty() && compare_dates(dates[1], dates[0]) < 0)
            r.fail(c_end, "end " + std::string(dates[1]) + " is before start " + std::string(dates[0]));
        try {
            net.add_link(ends[0], ends[1], type, w, dates[0], dates[1],
                         c_status == CsvReader::npos ? std::string_view() : std::string_view(f[c_status]));
        } catch (const input_error& e) {
            r.fail(CsvReader::npos, e.what());
        }
        keep_cells(r, cols, f, q, [&] { return "link " + net.describe(ends[0], ends[1]); });
    }
    // In name order, so that each new link attribute column is appended to the network's
    // sorted columns (O(1)) rather than inserted among them (O(columns)).
    if (!std::is_sorted(cols.begin(), cols.end(),
                        [](const AttributeColumn& x, const AttributeColumn& y) { return x.name < y.name; })) {
        std::vector<std::pair<std::string_view, std::size_t>> order(
            cols.size());  // sorting small keys, then moving once
        for (std::size_t k = 0; k < cols.size(); ++k) order[k] = {cols[k].name, k};
        std::sort(order.begin(), order.end());
        std::vector<AttributeColumn> sorted;
        sorted.reserve(cols.size());
        for (const auto& o : order) sorted.push_back(std::move(cols[o.second]));
        cols = std::move(sorted);
    }
    apply_attributes(cols, decimal_comma, [&](std::size_t row, const std::string& name, Value v) {
        net.set_link_attribute(row, name, std::move(v));
    });
}

// ---- writing ------------------------------------------------------------------------------

using detail::AtomicFile;

/// Appends a field, quoted when it holds the separator, a quote, a line break, leading
/// or trailing white space, or when it is an empty string value (force_quote).
void put_field(std::string& line, std::string_view s, char delim, bool force_quote = false) {
    const bool needs = force_quote || s.find_first_of(std::string{'"', '\n', '\r', delim}) != std::string_view::npos ||
                       (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t'));
    if (!needs) {
        line.append(s);
        return;
    }
    line.push_back('"');
    for (char c : s) {
        if (c == '"') line.push_back('"');
        line.push_back(c);
    }
    line.push_back('"');
}

/// Appends a column name of the header. A name holding any of the three separators is
/// quoted, because read_csv detects the separator by counting them outside quotes on the
/// header line: an unquoted "a;b;c" in a ',' file would make ';' the separator.
void put_header_field(std::string& line, std::string_view name, char delim) {
    put_field(line, name, delim, name.find_first_of(",;\t") != std::string_view::npos);
}

/// Appends an attribute value so that read_csv types it back the same: a string is
/// quoted when it is empty, would read as a number or boolean, or shares its column
/// with non-string values (mixed_column); other values are written bare.
void put_value(std::string& line, const Value* v, char delim, bool mixed_column) {
    if (!v) return;
    const Value& x = *v;
    if (auto s = std::get_if<std::string>(&x))
        put_field(line, *s, delim, s->empty() || mixed_column || is_scalar_text(*s, delim == ';'));
    else {
        std::string t = value_to_string(x);
        put_field(line, t, delim);
    }
}

std::vector<std::string> attribute_names(const auto& items, auto&& attributes_of) {
    std::set<std::string> names;
    for (const auto& it : items)
        for (const auto& [k, v] : attributes_of(it)) names.insert(k);
    return {names.begin(), names.end()};
}

/// For each attribute name: does some item hold a non-string value under it?
/// value_of(item, name) is the item's value, nullptr when it has none.
std::vector<char> mixed_columns(const std::vector<std::string>& names, const auto& items, auto&& value_of) {
    std::vector<char> out(names.size(), 0);
    for (std::size_t k = 0; k < names.size(); ++k)
        for (const auto& it : items)
            if (const Value* v = value_of(it, names[k]); v && !std::holds_alternative<std::string>(*v)) {
                out[k] = 1;
                break;
            }
    return out;
}

}  // namespace

Network read_csv(const std::string& structures_path, const std::string& links_path, const CsvReadOptions& options) {
    if (structures_path.empty()) throw input_error("read_csv: a structures file is required");
    Network net(options.directed);
    {
        CsvReader r(structures_path, options.delimiter);
        detail::read_structures(net, r);
    }
    if (!options.link_types.empty()) {
        CsvReader r(options.link_types, options.delimiter);
        read_link_types(net, r);
    }
    if (!links_path.empty()) {
        CsvReader r(links_path, options.delimiter);
        read_links(net, r, !options.link_types.empty());
    }
    return net;
}

Network read_csv_text(std::string_view structures_csv, std::optional<std::string_view> links_csv,
                      const CsvReadOptions& options) {
    Network net(options.directed);
    {
        CsvReader r(CsvReader::from_memory_t{}, "<structures>", structures_csv, options.delimiter);
        detail::read_structures(net, r);
    }
    if (links_csv) {
        CsvReader r(CsvReader::from_memory_t{}, "<links>", *links_csv, options.delimiter);
        read_links(net, r, false);
    }
    return net;
}

std::vector<std::pair<index_t, std::string>> read_responses(const Network& net, const std::string& path,
                                                            char delimiter) {
    CsvReader r(path, delimiter);
    std::vector<std::pair<index_t, std::string>> out;
    detail::read_response_rows<index_t>(
        r,
        [&](CsvReader& rr, const std::vector<std::string>& f, std::size_t col) {
            if (f[col].empty()) rr.fail(col, "empty structure");
            const auto i = net.find(f[col]);
            if (!i) rr.fail(col, unknown_structure(net, f[col]));
            return *i;
        },
        [&](index_t i) { return net.structure(i).id; },
        [&](index_t i, const std::string& status) { out.emplace_back(i, status); });
    return out;
}

void write_csv(const Network& net, const std::string& structures_path, const std::string& links_path,
               const CsvWriteOptions& options) {
    const char d = options.delimiter;
    if (d != ',' && d != ';' && d != '\t') throw input_error("write_csv: delimiter must be ',', ';' or a tab");
    if (!options.link_types.empty()) {
        std::vector<std::uint32_t> types(net.type_names().size());  // (no std::views::iota: clang 14 + libstdc++ 12)
        std::iota(types.begin(), types.end(), std::uint32_t{0});
        const auto names =
            attribute_names(types, [&](std::uint32_t k) -> const Attributes& { return net.type_attributes(k); });
        AtomicFile out(options.link_types);
        std::string line = "code";
        (line += d) += "directed";
        for (const auto& n : names) put_header_field(line += d, n, d);
        line += '\n';
        out.write(line);
        for (const auto k : types) {
            line.clear();
            put_field(line, net.type_names()[k], d);
            (line += d) += net.type_directed(k) ? "true" : "false";
            for (const auto& n : names) {
                const Value* v = find_value(net.type_attributes(k), n);
                put_field(line += d, v ? value_to_string(*v) : std::string(), d);
            }
            line += '\n';
            out.write(line);
        }
        out.commit();
    }
    if (!structures_path.empty()) {
        const auto names = structure_attribute_names(net);
        const auto mixed = mixed_columns(names, net.structures(), [](const Structure& st, const std::string& k) {
            return find_value(st.attributes, k);
        });
        const bool any_alias = std::any_of(net.structures().begin(), net.structures().end(),
                                           [](const Structure& s) { return !s.aliases.empty(); });
        AtomicFile out(structures_path);
        std::string line = "id";
        line += d;
        line += "name";
        if (any_alias) (line += d) += "aliases";
        for (const auto& n : names) put_header_field(line += d, n, d);
        line += '\n';
        out.write(line);
        for (const auto& s : net.structures()) {
            line.clear();
            put_field(line, s.id, d);
            put_field(line += d, s.name, d);
            if (any_alias) {
                std::string joined;
                for (const auto& a : s.aliases) (joined += joined.empty() ? "" : "|") += a;
                put_field(line += d, joined, d);
            }
            for (std::size_t k = 0; k < names.size(); ++k)
                put_value(line += d, find_value(s.attributes, names[k]), d, mixed[k]);
            line += '\n';
            out.write(line);
        }
        out.commit();
    }
    if (!links_path.empty()) {
        const auto names = net.link_attribute_names();
        const auto mixed = mixed_columns(names, net.links(),
                                         [&](const Link& l, const std::string& k) { return net.link_attribute(l, k); });
        const auto& L = net.links();
        const bool any_start = std::any_of(L.begin(), L.end(), [](const Link& l) { return l.start != 0; });
        const bool any_end = std::any_of(L.begin(), L.end(), [](const Link& l) { return l.end != 0; });
        const bool any_status = std::any_of(L.begin(), L.end(), [](const Link& l) { return l.status != 0; });
        AtomicFile out(links_path);
        std::string line = "source";
        for (const char* h : {"target", "type", "weight"}) (line += d) += h;
        if (any_start) (line += d) += "start";
        if (any_end) (line += d) += "end";
        if (any_status) (line += d) += "status";
        for (const auto& n : names) put_header_field(line += d, n, d);
        line += '\n';
        out.write(line);
        for (const auto& l : L) {
            line.clear();
            put_field(line, net.structure(l.source).id, d);
            put_field(line += d, net.structure(l.target).id, d);
            put_field(line += d, net.type_name(l), d);
            line += d;
            line += format_double(l.weight);
            if (any_start) put_field(line += d, net.start(l), d);
            if (any_end) put_field(line += d, net.end(l), d);
            if (any_status) put_field(line += d, net.status_name(l), d);
            for (std::size_t k = 0; k < names.size(); ++k)
                put_value(line += d, net.link_attribute(l, names[k]), d, mixed[k]);
            line += '\n';
            out.write(line);
        }
        out.commit();
    }
}

}  // namespace coopmap
