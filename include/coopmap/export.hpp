#pragma once
/// \file export.hpp
/// Writing a network for other tools: GEXF 1.3 (Gephi) with viz colour/size/position,
/// GraphML, JSON node-link (networkx), DOT (Graphviz) and Pajek NET.
///
/// Common rules:
///  * every link is written as its own edge (multiplex links keep their type; several
///    links of a pair become parallel edges with distinct ids);
///  * structures keep id, display name, aliases (joined with "|") and every attribute;
///    links keep type, weight, status, start, end and every attribute (except Pajek NET,
///    which has no attribute columns: see to_pajek);
///  * attribute columns are typed as a whole: all bool -> boolean, all int -> long,
///    all numbers -> double, otherwise string (values written as in CSV);
///  * text is escaped for the format; the input rules (TextRule, network.hpp) let only
///    XML 1.0 characters into names and values and no control character into ids, so
///    every XML output is well-formed and every id distinct;
///  * a mixed network (undirected and directed link types together) is written as a
///    directed graph whose undirected links say so: GEXF edge type="undirected" (Gephi's
///    mixed graphs), GraphML directed="false", DOT dir=none, Pajek an *Edges section
///    beside the *Arcs; JSON is networkx's node-link of the directed graph;
///  * the write_* functions write a temporary file and rename it over the target.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "coopmap/detail/atomic_file.hpp"
#include "coopmap/detail/escape.hpp"
#include "coopmap/error.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// Optional visual data for the formats that carry it (GEXF viz, DOT, Pajek positions).
struct ExportOptions {
    Layout positions;                 ///< empty: no positions
    std::vector<std::string> colors;  ///< "#RRGGBB" per structure; empty: no colours
    std::vector<double> sizes;        ///< per structure; empty: no sizes (NaN -> smallest)
};

namespace detail {

enum class ColumnType { boolean, integer, real, text };

/// The attribute type name of a column in GEXF and GraphML (both use the same names).
inline const char* xml_type_name(ColumnType t) {
    switch (t) {
        case ColumnType::boolean: return "boolean";
        case ColumnType::integer: return "long";
        case ColumnType::real: return "double";
        default: return "string";
    }
}

struct Column {
    std::string name;
    ColumnType type = ColumnType::boolean;
    bool seen = false;
};

inline void widen(Column& c, const Value& v) {
    ColumnType t = std::holds_alternative<bool>(v)           ? ColumnType::boolean
                   : std::holds_alternative<std::int64_t>(v) ? ColumnType::integer
                   : std::holds_alternative<double>(v)       ? ColumnType::real
                                                             : ColumnType::text;
    if (!c.seen) {
        c.type = t;
        c.seen = true;
        return;
    }
    if (c.type == t) return;
    const bool num = (c.type == ColumnType::integer || c.type == ColumnType::real) &&
                     (t == ColumnType::integer || t == ColumnType::real);
    c.type = num ? ColumnType::real : ColumnType::text;
}

/// Typed columns of structure attributes, sorted by name.
/// The attribute columns of a sequence of items (structures or links), by name, each
/// typed by the widest value it holds; `attributes(item)` gives an item's attributes.
template <class Items, class AttributesOf>
std::vector<Column> attribute_columns(const Items& items, AttributesOf attributes) {
    std::map<std::string, Column> cols;
    for (const auto& item : items)
        for (const auto& [k, v] : attributes(item)) {
            auto& c = cols[k];
            c.name = k;
            widen(c, v);
        }
    std::vector<Column> out;
    for (auto& [k, c] : cols) out.push_back(c);
    return out;
}
inline std::vector<Column> structure_columns(const Network& net) {
    return attribute_columns(net.structures(), [](const Structure& s) -> const Attributes& { return s.attributes; });
}
inline std::vector<Column> link_columns(const Network& net) {
    return attribute_columns(net.links(), [&net](const Link& l) { return net.attributes(l); });
}

/// Text of a value in a column of type t (ints in a double column get ".0").
inline std::string column_text(const Value& v, ColumnType t) {
    if (t == ColumnType::real) {
        if (auto i = std::get_if<std::int64_t>(&v)) return format_double(static_cast<double>(*i));
    }
    return value_to_string(v);
}

inline bool any_aliases(const Network& net) {
    for (const auto& s : net.structures())
        if (!s.aliases.empty()) return true;
    return false;
}
inline std::string join_aliases(const Structure& s) {
    std::string a;
    for (const auto& x : s.aliases) a += (a.empty() ? "" : "|") + x;
    return a;
}
struct LinkFieldsUsed {
    bool status = false, start = false, end = false;
};
inline LinkFieldsUsed link_fields_used(const Network& net) {
    LinkFieldsUsed u;
    for (const auto& l : net.links()) {
        u.status = u.status || l.status != 0;
        u.start = u.start || l.start != 0;
        u.end = u.end || l.end != 0;
    }
    return u;
}

inline void check_export_options(const Network& net, const ExportOptions& o) {
    const auto n = net.number_of_structures();
    if (!o.positions.x.empty() && (o.positions.x.size() != n || o.positions.y.size() != n))
        throw input_error("positions: expected one position per structure (" + std::to_string(n) + ")");
    if (!o.colors.empty() && o.colors.size() != n) throw input_error("color: expected one colour per structure");
    if (!o.sizes.empty() && o.sizes.size() != n) throw input_error("size: expected one value per structure");
    for (const auto& c : o.colors) {
        bool ok = c.size() == 7 && c[0] == '#';
        for (std::size_t k = 1; ok && k < 7; ++k) ok = std::isxdigit(static_cast<unsigned char>(c[k])) != 0;
        if (!ok) throw input_error("color: '" + c + "' is not #RRGGBB");
    }
}

/// True for a DOT ID that needs no quotes: [A-Za-z_][A-Za-z0-9_]* and not a keyword.
inline bool dot_plain_id(std::string_view k) {
    if (k.empty() || std::isdigit(static_cast<unsigned char>(k[0]))) return false;
    for (unsigned char c : k)
        if (!(std::isalnum(c) || c == '_') || c >= 0x80) return false;
    std::string low(k);
    for (auto& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return low != "node" && low != "edge" && low != "graph" && low != "digraph" && low != "subgraph" && low != "strict";
}

/// "n3", "e0": attribute key ids (built without operator+ on a literal, which trips a
/// GCC 12 -Wrestrict false positive at -O3).
inline std::string key_id(char prefix, std::size_t k) {
    std::string s(1, prefix);
    s += std::to_string(k);
    return s;
}

inline int hex_byte(const std::string& c, std::size_t at) {
    auto d = [](char x) { return x >= '0' && x <= '9' ? x - '0' : x >= 'a' && x <= 'f' ? x - 'a' + 10 : x - 'A' + 10; };
    return d(c[at]) * 16 + d(c[at + 1]);
}

/// Node sizes for viz: 10 + 40 sqrt(v / v_max); NaN or <= 0 -> 10.
inline std::vector<double> viz_sizes(const std::vector<double>& v) {
    double mx = 0;
    for (double x : v)
        if (std::isfinite(x)) mx = std::max(mx, x);
    std::vector<double> out(v.size(), 10.0);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (mx > 0 && std::isfinite(v[i]) && v[i] > 0) out[i] = 10.0 + 40.0 * std::sqrt(v[i] / mx);
    return out;
}

/// A link's ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as a full date bounding its interval:
/// the first day of the year or month for a start, the last one for an end
/// ("2014" ends 2014-12-31, "2024-02" ends 2024-02-29).
inline std::string date_bound(const std::string& iso, bool end) {
    if (iso.size() == 10) return iso;
    if (iso.size() == 4) return iso + (end ? "-12-31" : "-01-01");
    if (!end) return iso + "-01";
    const int year = std::stoi(iso.substr(0, 4)), month = std::stoi(iso.substr(5, 2));
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int last = month == 2 && leap ? 29 : days[month - 1];
    return iso + "-" + std::to_string(last);
}

}  // namespace detail

/// GEXF 1.3 (http://gexf.net/1.3): node label = display name, edge label = link type,
/// declared attribute columns (node: aliases and the attributes; edge: type, status,
/// start, end and the attributes), edge weight, one edge per link with id = link index;
/// viz:color, viz:size (10 + 40 sqrt(v / max)) and viz:position (x, y, z = 0) when
/// given. When some link has a start or end date the graph is dynamic
/// (``mode="dynamic" timeformat="date"``) and each dated edge carries its interval as
/// ``start``/``end`` attributes, full dates (detail::date_bound: "2013" starts on
/// 2013-01-01, an end "2014" lasts to 2014-12-31), which Gephi's timeline plays; the
/// dates as written stay in the edge columns ``start`` and ``end``. Structures have no
/// interval (present throughout). Readable by Gephi and by networkx.read_gexf. O(n + m).
inline std::string to_gexf(const Network& net, const ExportOptions& o = {}) {
    detail::check_export_options(net, o);
    using detail::append_xml;
    const auto scols = detail::structure_columns(net);
    const auto lcols = detail::link_columns(net);
    const bool aliases = detail::any_aliases(net);
    const auto used = detail::link_fields_used(net);
    std::string s;
    s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>coopmap</creator>\n  </meta>\n";
    const bool dynamic = used.start || used.end;
    s += std::string("  <graph mode=\"") + (dynamic ? "dynamic\" timeformat=\"date" : "static") +
         "\" defaultedgetype=\"" + (net.directed() ? "directed" : "undirected") + "\">\n";
    // node attribute ids: "a" = aliases, "n<k>" = column k
    s += "    <attributes class=\"node\">\n";
    if (aliases) s += "      <attribute id=\"a\" title=\"aliases\" type=\"string\"/>\n";
    for (std::size_t k = 0; k < scols.size(); ++k) {
        s += "      <attribute id=\"" + detail::key_id('n', k) + "\" title=\"";
        append_xml(s, scols[k].name);
        s += std::string("\" type=\"") + detail::xml_type_name(scols[k].type) + "\"/>\n";
    }
    s += "    </attributes>\n    <attributes class=\"edge\">\n"
         "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n";
    if (used.status) s += "      <attribute id=\"status\" title=\"status\" type=\"string\"/>\n";
    if (used.start) s += "      <attribute id=\"start\" title=\"start\" type=\"string\"/>\n";
    if (used.end) s += "      <attribute id=\"end\" title=\"end\" type=\"string\"/>\n";
    for (std::size_t k = 0; k < lcols.size(); ++k) {
        s += "      <attribute id=\"" + detail::key_id('e', k) + "\" title=\"";
        append_xml(s, lcols[k].name);
        s += std::string("\" type=\"") + detail::xml_type_name(lcols[k].type) + "\"/>\n";
    }
    s += "    </attributes>\n    <nodes>\n";
    const auto sizes = o.sizes.empty() ? std::vector<double>{} : detail::viz_sizes(o.sizes);
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        const auto& st = net.structure(i);
        s += "      <node id=\"";
        append_xml(s, st.id);
        s += "\" label=\"";
        append_xml(s, st.name);
        s += "\">\n        <attvalues>\n";
        if (aliases && !st.aliases.empty()) {
            s += "          <attvalue for=\"a\" value=\"";
            append_xml(s, detail::join_aliases(st));
            s += "\"/>\n";
        }
        for (std::size_t k = 0; k < scols.size(); ++k) {
            auto it = st.attributes.find(scols[k].name);
            if (it == st.attributes.end()) continue;
            s += "          <attvalue for=\"" + detail::key_id('n', k) + "\" value=\"";
            append_xml(s, detail::column_text(it->second, scols[k].type));
            s += "\"/>\n";
        }
        s += "        </attvalues>\n";
        if (!o.colors.empty())
            s += "        <viz:color r=\"" + std::to_string(detail::hex_byte(o.colors[i], 1)) + "\" g=\"" +
                 std::to_string(detail::hex_byte(o.colors[i], 3)) + "\" b=\"" +
                 std::to_string(detail::hex_byte(o.colors[i], 5)) + "\"/>\n";
        if (!sizes.empty()) s += "        <viz:size value=\"" + format_double(sizes[i]) + "\"/>\n";
        if (!o.positions.x.empty())
            s += "        <viz:position x=\"" + format_double(o.positions.x[i]) + "\" y=\"" +
                 format_double(o.positions.y[i]) + "\" z=\"0.0\"/>\n";
        s += "      </node>\n";
    }
    s += "    </nodes>\n    <edges>\n";
    for (std::size_t k = 0; k < net.number_of_links(); ++k) {
        const auto& l = net.links()[k];
        s += "      <edge id=\"" + std::to_string(k) + "\" source=\"";
        append_xml(s, net.structure(l.source).id);
        s += "\" target=\"";
        append_xml(s, net.structure(l.target).id);
        if (net.mixed()) s += net.is_directed(l) ? "\" type=\"directed" : "\" type=\"undirected";
        if (dynamic && !net.start(l).empty()) s += "\" start=\"" + detail::date_bound(net.start(l), false);
        if (dynamic && !net.end(l).empty()) s += "\" end=\"" + detail::date_bound(net.end(l), true);
        s += "\" label=\"";
        append_xml(s, net.type_name(l));
        s += "\" weight=\"" + format_double(l.weight) + "\">\n        <attvalues>\n";
        s += "          <attvalue for=\"type\" value=\"";
        append_xml(s, net.type_name(l));
        s += "\"/>\n";
        auto field = [&](bool on, const char* id, const std::string& v) {
            if (!on || v.empty()) return;
            s += std::string("          <attvalue for=\"") + id + "\" value=\"";
            append_xml(s, v);
            s += "\"/>\n";
        };
        field(used.status, "status", net.status_name(l));
        field(used.start, "start", net.start(l));
        field(used.end, "end", net.end(l));
        for (std::size_t c = 0; c < lcols.size(); ++c) {
            const Value* v = net.link_attribute(l, lcols[c].name);
            if (!v) continue;
            s += "          <attvalue for=\"" + detail::key_id('e', c) + "\" value=\"";
            append_xml(s, detail::column_text(*v, lcols[c].type));
            s += "\"/>\n";
        }
        s += "        </attvalues>\n      </edge>\n";
    }
    s += "    </edges>\n  </graph>\n</gexf>\n";
    return s;
}

/// GraphML (http://graphml.graphdrawing.org): typed <key>s (boolean, long, double,
/// string) for node name, aliases and attributes, and for edge type, weight, status,
/// start, end and attributes; one <edge id="e<k>"> per link. Readable by
/// networkx.read_graphml (a MultiGraph when a pair has several links). O(n + m).
inline std::string to_graphml(const Network& net) {
    using detail::append_xml;
    const auto scols = detail::structure_columns(net);
    const auto lcols = detail::link_columns(net);
    const bool aliases = detail::any_aliases(net);
    const auto used = detail::link_fields_used(net);
    std::string s =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    auto key = [&](const std::string& id, const char* for_, const std::string& name, const char* type) {
        s += "  <key id=\"" + id + "\" for=\"" + for_ + "\" attr.name=\"";
        append_xml(s, name);
        s += std::string("\" attr.type=\"") + type + "\"/>\n";
    };
    key("name", "node", "name", "string");
    if (aliases) key("aliases", "node", "aliases", "string");
    for (std::size_t k = 0; k < scols.size(); ++k)
        key(detail::key_id('n', k), "node", scols[k].name, detail::xml_type_name(scols[k].type));
    key("type", "edge", "type", "string");
    key("weight", "edge", "weight", "double");
    if (used.status) key("status", "edge", "status", "string");
    if (used.start) key("start", "edge", "start", "string");
    if (used.end) key("end", "edge", "end", "string");
    for (std::size_t k = 0; k < lcols.size(); ++k)
        key(detail::key_id('e', k), "edge", lcols[k].name, detail::xml_type_name(lcols[k].type));
    s += std::string("  <graph id=\"G\" edgedefault=\"") + (net.directed() ? "directed" : "undirected") + "\">\n";
    auto data = [&](const std::string& k, const std::string& v) {
        s += "      <data key=\"" + k + "\">";
        append_xml(s, v);
        s += "</data>\n";
    };
    for (const auto& st : net.structures()) {
        s += "    <node id=\"";
        append_xml(s, st.id);
        s += "\">\n";
        data("name", st.name);
        if (aliases && !st.aliases.empty()) data("aliases", detail::join_aliases(st));
        for (std::size_t k = 0; k < scols.size(); ++k)
            if (auto it = st.attributes.find(scols[k].name); it != st.attributes.end())
                data(detail::key_id('n', k), detail::column_text(it->second, scols[k].type));
        s += "    </node>\n";
    }
    for (std::size_t k = 0; k < net.number_of_links(); ++k) {
        const auto& l = net.links()[k];
        s += "    <edge id=\"" + detail::key_id('e', k) + "\" source=\"";
        append_xml(s, net.structure(l.source).id);
        s += "\" target=\"";
        append_xml(s, net.structure(l.target).id);
        if (net.mixed()) s += net.is_directed(l) ? "\" directed=\"true" : "\" directed=\"false";
        s += "\">\n";
        data("type", net.type_name(l));
        data("weight", format_double(l.weight));
        if (l.status) data("status", net.status_name(l));
        if (l.start) data("start", net.start(l));
        if (l.end) data("end", net.end(l));
        for (std::size_t c = 0; c < lcols.size(); ++c)
            if (const Value* v = net.link_attribute(l, lcols[c].name))
                data(detail::key_id('e', c), detail::column_text(*v, lcols[c].type));
        s += "    </edge>\n";
    }
    s += "  </graph>\n</graphml>\n";
    return s;
}

/// JSON node-link data as networkx's node_link_data (edges="edges"): {"directed",
/// "multigraph": true, "graph": {}, "nodes": [{"id", "name", "aliases": [...],
/// attributes...}], "edges": [{"source", "target", "type", "weight", "status"?,
/// "start"?, "end"?, attributes...}]}. NaN and infinite floats become null. Readable
/// by networkx.node_link_graph. O(n + m).
inline std::string to_json(const Network& net) {
    using detail::append_json_string;
    std::string s = std::string("{\"directed\": ") + (net.directed() ? "true" : "false") +
                    ", \"multigraph\": true, \"graph\": {}, \"nodes\": [";
    auto append_attributes = [&](const Attributes& attributes) {  // ", name: value" for each
        for (const auto& [name, v] : attributes) {
            s += ", ";
            append_json_string(s, name);
            s += ": ";
            detail::append_json_value(s, v);
        }
    };
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        const auto& st = net.structure(i);
        s += i ? ",\n  {" : "\n  {";
        s += "\"id\": ";
        append_json_string(s, st.id);
        s += ", \"name\": ";
        append_json_string(s, st.name);
        s += ", \"aliases\": [";
        for (std::size_t k = 0; k < st.aliases.size(); ++k) {
            if (k) s += ", ";
            append_json_string(s, st.aliases[k]);
        }
        s += "]";
        append_attributes(st.attributes);
        s += "}";
    }
    s += "\n], \"edges\": [";
    for (std::size_t k = 0; k < net.number_of_links(); ++k) {
        const auto& l = net.links()[k];
        s += k ? ",\n  {" : "\n  {";
        s += "\"source\": ";
        append_json_string(s, net.structure(l.source).id);
        s += ", \"target\": ";
        append_json_string(s, net.structure(l.target).id);
        s += ", \"type\": ";
        append_json_string(s, net.type_name(l));
        s += ", \"weight\": " + detail::json_number(l.weight);
        if (l.status) {
            s += ", \"status\": ";
            append_json_string(s, net.status_name(l));
        }
        if (l.start) {
            s += ", \"start\": ";
            append_json_string(s, net.start(l));
        }
        if (l.end) {
            s += ", \"end\": ";
            append_json_string(s, net.end(l));
        }
        append_attributes(net.attributes(l));
        s += "}";
    }
    s += "\n]}\n";
    return s;
}

/// Graphviz DOT: `graph` or `digraph`; every id and attribute value double-quoted
/// (backslash and quote escaped), attribute names quoted unless plain identifiers; node label = display name, plus
/// aliases and attributes; one edge statement per link with type, weight, status,
/// start, end and attributes; with positions `pos="x,y!"` (72 points per unit), with
/// colours `style=filled fillcolor=...`, with sizes `width` in inches (0.2 + 0.6
/// sqrt(v / max)). O(n + m).
inline std::string to_dot(const Network& net, const ExportOptions& o = {}) {
    detail::check_export_options(net, o);
    using detail::append_quoted;
    std::string s = net.directed() ? "digraph \"coopmap\" {\n" : "graph \"coopmap\" {\n";
    auto attr = [&](bool& first, const std::string& k, const std::string& v) {
        s += first ? " [" : ", ";
        first = false;
        if (detail::dot_plain_id(k)) s += k;
        else append_quoted(s, k);
        s += "=";
        append_quoted(s, v);
    };
    double smax = 0;
    for (double v : o.sizes)
        if (std::isfinite(v)) smax = std::max(smax, v);
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        const auto& st = net.structure(i);
        s += "  ";
        append_quoted(s, st.id);
        bool first = true;
        attr(first, "label", st.name);
        if (!st.aliases.empty()) attr(first, "aliases", detail::join_aliases(st));
        for (const auto& [k, v] : st.attributes) attr(first, k, value_to_string(v));
        if (!o.positions.x.empty())
            attr(first, "pos", format_double(72 * o.positions.x[i]) + "," + format_double(72 * o.positions.y[i]) + "!");
        if (!o.colors.empty()) {
            attr(first, "style", "filled");
            attr(first, "fillcolor", o.colors[i]);
        }
        if (!o.sizes.empty()) {
            const double v = o.sizes[i];
            attr(first, "width",
                 format_double(0.2 + (smax > 0 && std::isfinite(v) && v > 0 ? 0.6 * std::sqrt(v / smax) : 0)));
        }
        s += first ? ";\n" : "];\n";
    }
    const char* op = net.directed() ? " -> " : " -- ";
    for (const auto& l : net.links()) {
        s += "  ";
        append_quoted(s, net.structure(l.source).id);
        s += op;
        append_quoted(s, net.structure(l.target).id);
        bool first = true;
        attr(first, "type", net.type_name(l));
        if (net.mixed() && !net.is_directed(l)) attr(first, "dir", "none");  // a two-way link of a mixed graph
        attr(first, "weight", format_double(l.weight));
        if (l.status) attr(first, "status", net.status_name(l));
        if (l.start) attr(first, "start", net.start(l));
        if (l.end) attr(first, "end", net.end(l));
        for (const auto& [k, v] : net.attributes(l)) attr(first, k, value_to_string(v));
        s += "];\n";
    }
    s += "}\n";
    return s;
}

/// Pajek NET: `*Vertices n` with `k "id"` lines (1-based; with positions also
/// `x y ellipse`, coordinates rescaled into [0, 1] keeping the aspect ratio, y up as in
/// Pajek), then one `*Edges` (undirected) or `*Arcs` (directed) section (both for a mixed network) with one line
/// `u v weight l "type"` per link (parallel links kept; `l` is Pajek's edge label).
/// Pajek NET has no attribute columns: display names, attributes, statuses and dates
/// are not written (use GEXF, GraphML or JSON for them). O(n + m).
inline std::string to_pajek(const Network& net, const ExportOptions& o = {}) {
    detail::check_export_options(net, o);
    const auto n = net.number_of_structures();
    std::string s = "*Vertices " + std::to_string(n) + "\n";
    double x0 = 0, y0 = 0, span = 1;
    if (!o.positions.x.empty() && n > 0) {
        const auto [xa, xb] = std::minmax_element(o.positions.x.begin(), o.positions.x.end());
        const auto [ya, yb] = std::minmax_element(o.positions.y.begin(), o.positions.y.end());
        x0 = *xa;
        y0 = *ya;
        span = std::max(*xb - *xa, *yb - *ya);
        if (!(span > 0)) span = 1;
    }
    for (index_t i = 0; i < n; ++i) {
        s += std::to_string(i + 1) + " ";
        detail::append_quoted(s, net.structure(i).id);
        if (!o.positions.x.empty())
            s += " " + detail::fixed((o.positions.x[i] - x0) / span, 6) + " " +
                 detail::fixed((o.positions.y[i] - y0) / span, 6) + " ellipse";
        s += "\n";
    }
    for (const bool arcs : {false, true}) {  // a mixed network has both sections, as Pajek allows
        if (arcs ? !net.directed() : (net.directed() && !net.mixed())) continue;
        s += arcs ? "*Arcs\n" : "*Edges\n";
        for (const auto& l : net.links()) {
            if (net.is_directed(l) != arcs) continue;
            s += std::to_string(l.source + 1) + " " + std::to_string(l.target + 1) + " " + format_double(l.weight) +
                 " l ";
            detail::append_quoted(s, net.type_name(l));
            s += "\n";
        }
    }
    return s;
}

/// Atomic file writers of the formats above.
inline void write_gexf(const Network& net, const std::string& path, const ExportOptions& o = {}) {
    detail::write_file_atomic(path, to_gexf(net, o));
}
inline void write_graphml(const Network& net, const std::string& path) {
    detail::write_file_atomic(path, to_graphml(net));
}
inline void write_json(const Network& net, const std::string& path) { detail::write_file_atomic(path, to_json(net)); }
inline void write_dot(const Network& net, const std::string& path, const ExportOptions& o = {}) {
    detail::write_file_atomic(path, to_dot(net, o));
}
inline void write_pajek(const Network& net, const std::string& path, const ExportOptions& o = {}) {
    detail::write_file_atomic(path, to_pajek(net, o));
}

}  // namespace coopmap
