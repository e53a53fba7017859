#pragma once
/// \file render.hpp
/// Seminar maps: a static SVG and a self-contained interactive HTML page, as text.
///
/// What the map shows (the conventions of DESIGN.md §4):
///  * node colour = a group per structure (cluster, legal family, ...), colour-blind-safe
///    palette (Okabe–Ito, then Paul Tol's "light" scheme; groups numbered by decreasing
///    size get the colours, groups beyond 14 share grey "other"), with a legend;
///  * node area proportional to a per-structure measure (radius r_min + (r_max - r_min)
///    sqrt(v / v_max), NaN or negative -> r_min), with a legend of the largest, median
///    and smallest positive values;
///  * one edge per (pair of structures, link type): parallel links of different types are
///    drawn as separate arcs curved apart, links of one type between a pair merge (width
///    grows with sqrt of the summed weight); edge colour = link type (Paul Tol's "muted"
///    palette) or link status; an edge is dashed when every link it stands for has status
///    "unconfirmed", dotted when every one is "partner_did_not_respond" (a single
///    declaration whose partner did not answer), each style in the legend; arcs (links of
///    a directed type) get arrowheads, undirected links none, also in a mixed network;
///  * hollow nodes (white fill, coloured ring) for non-respondents: options.responded, or
///    when it is empty the structure attribute "responded" equal to false, else the
///    attribute "response" (an Inventory's survey status) other than complete or partial;
///  * labels for the `labels` largest structures (by the size measure, ties by index),
///    placed greedily at one of 8 positions around the node so that they overlap neither
///    other labels nor nodes (a label that fits nowhere is left out), with a white halo;
///  * title, subtitle and a line with the wave, view, counts and response rate;
///  * fonts >= 14 px on a 1600 px wide canvas; a viewBox so the picture scales.
/// Output is a pure function of the network and the options: same input, same bytes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "coopmap/detail/atomic_file.hpp"
#include "coopmap/detail/escape.hpp"
#include "coopmap/error.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// Every text a map shows that does not come from the data, so that maps can be drawn in
/// any language (coopmap's Python layer fills these from its catalogues; the defaults are
/// English). Data texts — names, link types, attribute values — are never translated.
struct MapTexts {
    std::string lang = "en";                  ///< the HTML lang attribute
    std::string untitled = "Cooperation map";  ///< title when none is given
    std::string wave = "wave";
    std::string view = "view";
    std::string structures = "structures";
    std::string links = "links";
    std::string response_rate = "response rate";
    std::string percent = "%";  ///< appended to percentages ("\u00a0%" in French)
    std::string colon = ": ";   ///< " : " in French
    std::string colour = "colour";
    std::string size = "size";
    std::string measure = "measure";
    std::string link_status = "link status";
    std::string no_status = "(no status)";
    std::string unconfirmed = "unconfirmed";
    std::string partner_did_not_respond = "partner did not respond";
    std::string did_not_respond = "did not respond";
    std::string other = "other";
    std::string groups = "groups";
    std::string no_value = "(no value)";
    std::string search = "Search a structure\xE2\x80\xA6";
    std::string search_label = "Search a structure by name";
    std::string reset = "Reset";
    std::string no_match = "no match";
    std::string matches = "matches";
    std::string id = "id";
    std::string aliases = "aliases";
    std::string group = "group";
    std::string partners = "partners";
    std::string survey = "survey";
    char decimal_point = '.';  ///< ',' in French
};

struct MapOptions {
    /// Positions of the structures (mathematical coordinates, y up); required.
    Layout positions;
    /// Group of each structure (index into color_labels), -1 for "no value"; empty: one colour.
    std::vector<std::int64_t> color;
    std::vector<std::string> color_labels;
    std::string color_title;  ///< legend heading of the colours, e.g. "cluster"
    /// Per-structure size measure; empty: all nodes the same size.
    std::vector<double> size;
    std::string size_title;
    /// "type" (link type), "status" (link status) or "" (all edges grey).
    std::string edge_color = "type";
    std::size_t labels = 20;
    /// 1 responded, 0 did not (hollow node); empty: from the attribute "responded" (bool
    /// or 0/1), else "response" (an Inventory's status: complete and partial answered,
    /// refused and unreached did not).
    std::vector<char> responded;
    std::string title;
    std::string subtitle;
    std::string wave;  ///< shown on the information line when not empty
    std::string view;  ///< likewise ("union", "confirmed", "reconstructed")
    double width = 1600;
    double height = 1000;
    /// Extra per-structure values shown in the HTML tooltips (name, values).
    std::vector<std::pair<std::string, std::vector<double>>> measures;
    /// Display labels of link type codes (e.g. from a link-types file's label_fr); a
    /// code without a label shows as itself.
    std::map<std::string, std::string> type_labels;
    MapTexts texts;
};

namespace detail {

inline const std::vector<std::string>& node_palette() {
    // Okabe & Ito (2008) without black, then Paul Tol's "light" scheme.
    static const std::vector<std::string> p = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2",
                                               "#D55E00", "#CC79A7", "#77AADD", "#EE8866", "#EEDD88",
                                               "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33"};
    return p;
}
inline const std::vector<std::string>& edge_palette() {
    // Paul Tol's "muted" scheme, then the distinct colours of his "vibrant" scheme.
    static const std::vector<std::string> p = {"#332288", "#117733", "#CC6677", "#44AA99", "#882255",
                                               "#999933", "#AA4499", "#88CCEE", "#DDCC77",
                                               // then Paul Tol's "vibrant" scheme
                                               "#0077BB", "#EE7733", "#EE3377", "#33BBEE", "#CC3311", "#009988"};
    return p;
}
inline constexpr const char* kOtherColor = "#BBBBBB";
inline constexpr const char* kNoneColor = "#DDDDDD";
inline constexpr const char* kEdgeGrey = "#8C8C8C";

/// The display label of a link type code (MapOptions::type_labels, else the code).
inline const std::string& type_label(const MapOptions& o, const std::string& code) {
    auto it = o.type_labels.find(code);
    return it == o.type_labels.end() || it->second.empty() ? code : it->second;
}

/// Colours of k groups: groups ordered by decreasing size (ties: lower index) take the
/// palette in order; groups beyond the palette are grey "other". legend lists (group,
/// count) in that order, then (-2, count) for "other" and (-1, count) for "no value".
struct GroupColors {
    std::vector<std::string> colors;  // per group
    std::vector<std::pair<std::int64_t, std::size_t>> legend;
    std::size_t other_groups = 0;
};
inline GroupColors group_colors(const std::vector<std::int64_t>& color, std::size_t k) {
    GroupColors gc;
    std::vector<std::size_t> count(k, 0), order;
    std::size_t none = 0;
    for (auto g : color) {
        if (g >= 0) ++count[static_cast<std::size_t>(g)];
        else ++none;
    }
    for (std::size_t g = 0; g < k; ++g)
        if (count[g]) order.push_back(g);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return count[a] > count[b]; });
    gc.colors.assign(k, kOtherColor);
    const auto& pal = node_palette();
    std::size_t other = 0;
    for (std::size_t j = 0; j < order.size(); ++j) {
        if (j < pal.size()) {
            gc.colors[order[j]] = pal[j];
            gc.legend.emplace_back(static_cast<std::int64_t>(order[j]), count[order[j]]);
        } else {
            other += count[order[j]];
            ++gc.other_groups;
        }
    }
    if (gc.other_groups) gc.legend.emplace_back(-2, other);
    if (none) gc.legend.emplace_back(-1, none);
    return gc;
}

inline std::string hex_of(double r, double g, double b) {
    static const char* h = "0123456789ABCDEF";
    std::string s = "#";
    for (double c : {r, g, b}) {
        const int v = std::clamp(static_cast<int>(std::lround(c)), 0, 255);
        s += h[v >> 4];
        s += h[v & 15];
    }
    return s;
}

/// Edge styles: solid, dashed (every link unconfirmed), dotted (every link's partner did
/// not respond).
inline constexpr std::uint8_t kSolid = 0, kDashed = 1, kDotted = 2;
/// The SVG stroke-dasharray of an edge style ("" for solid).
inline const char* dash_array(std::uint8_t style) { return style == kDashed ? "7 5" : style == kDotted ? "2 4" : ""; }

/// Everything the SVG and HTML writers share, computed once.
struct MapModel {
    std::size_t n = 0;
    std::vector<double> sx, sy, r;                 // screen positions and radii
    std::vector<std::string> fill;                 // node colour
    std::vector<char> hollow;
    std::vector<std::int64_t> group;               // colour group or -1
    struct LegendItem {
        std::string color, label;
        std::size_t count;
    };
    std::vector<LegendItem> color_legend;
    struct Edge {
        index_t s, t;
        std::uint32_t type;  // link type index
        std::string color;
        std::uint8_t style;  // kSolid, kDashed (unconfirmed) or kDotted (partner did not respond)
        bool arrow;          // an arc (directed link type)
        double width;
        double bend;  // perpendicular offset of the control point, px
        std::uint32_t key;  // colour key index (type or status)
    };
    std::vector<Edge> edges;
    std::vector<std::pair<std::string, std::string>> edge_legend;  // label, colour
    bool any_dashed = false, any_dotted = false;
    std::size_t hollow_count = 0, respondents_known = 0;
    struct Label {
        index_t node;
        double x, y;
        std::string anchor, text;
    };
    std::vector<Label> labels;
    double map_x0, map_y0, map_x1, map_y1;  // map area
    std::vector<double> size_legend;        // values shown in the size legend
    double vmax = 0, rmin = 5, rmax = 20;
};

inline double text_width(std::string_view s, double font) { return 0.6 * font * static_cast<double>(utf8_length(s)); }

inline MapModel build_model(const Network& net, const MapOptions& o) {
    MapModel m;
    const auto n = net.number_of_structures();
    m.n = n;
    if (o.positions.x.size() != n || o.positions.y.size() != n)
        throw input_error("positions: expected " + std::to_string(n) + " positions, got " +
                          std::to_string(o.positions.x.size()));
    if (!o.color.empty() && o.color.size() != n) throw input_error("color: one group per structure expected");
    if (!o.size.empty() && o.size.size() != n) throw input_error("size: one value per structure expected");
    if (!o.responded.empty() && o.responded.size() != n) throw input_error("responded: one flag per structure expected");
    // bounded so that every coordinate is a short finite number (a poster of 2 m at 300
    // dpi is 24,000 px)
    if (!(o.width >= 400 && o.width <= 100000))
        throw input_error("width must be between 400 and 100000 px, got " + std::to_string(o.width));
    if (!(o.height >= 300 && o.height <= 100000))
        throw input_error("height must be between 300 and 100000 px, got " + std::to_string(o.height));
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(o.positions.x[i]) || !std::isfinite(o.positions.y[i]))
            throw input_error("positions: structure '" + net.structure(static_cast<index_t>(i)).id +
                              "' has a non-finite position");
    for (auto g : o.color)
        if (g >= static_cast<std::int64_t>(o.color_labels.size()))
            throw input_error("color: group index beyond color_labels");

    // ---- map area and projection to the screen (aspect kept, y flipped) ----
    m.map_x0 = 30;
    m.map_x1 = o.width - 340;
    m.map_y0 = 120;
    m.map_y1 = o.height - 30;
    m.rmax = std::clamp(0.45 * std::sqrt((m.map_x1 - m.map_x0) * (m.map_y1 - m.map_y0) / std::max<double>(1, static_cast<double>(n))), 4.0, 24.0);
    m.rmin = std::max(2.5, m.rmax / 4);
    const double inset = m.rmax + 4;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        x0 = std::min(x0, o.positions.x[i]);
        x1 = std::max(x1, o.positions.x[i]);
        y0 = std::min(y0, o.positions.y[i]);
        y1 = std::max(y1, o.positions.y[i]);
    }
    const double aw = m.map_x1 - m.map_x0 - 2 * inset, ah = m.map_y1 - m.map_y0 - 2 * inset;
    double scale = 1;
    if (n > 0) {
        const double dw = x1 - x0, dh = y1 - y0;
        scale = std::min(dw > 0 ? aw / dw : INFINITY, dh > 0 ? ah / dh : INFINITY);
        if (!std::isfinite(scale)) scale = 1;
    }
    const double cxw = (x0 + x1) / 2, cyw = (y0 + y1) / 2;
    const double cxs = (m.map_x0 + m.map_x1) / 2, cys = (m.map_y0 + m.map_y1) / 2;
    m.sx.resize(n);
    m.sy.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m.sx[i] = cxs + (o.positions.x[i] - cxw) * scale;
        m.sy[i] = cys - (o.positions.y[i] - cyw) * scale;
    }

    // ---- sizes ----
    m.r.assign(n, o.size.empty() ? std::max(m.rmin, 0.55 * m.rmax) : m.rmin);
    if (!o.size.empty()) {
        for (double v : o.size)
            if (std::isfinite(v)) m.vmax = std::max(m.vmax, v);
        for (std::size_t i = 0; i < n; ++i) {
            const double v = o.size[i];
            if (m.vmax > 0 && std::isfinite(v) && v > 0) m.r[i] = m.rmin + (m.rmax - m.rmin) * std::sqrt(v / m.vmax);
        }
        // legend: largest, median and smallest positive values
        std::vector<double> pos;
        for (double v : o.size)
            if (std::isfinite(v) && v > 0) pos.push_back(v);
        if (!pos.empty()) {
            std::sort(pos.begin(), pos.end());
            m.size_legend = {pos.back()};
            for (double v : {pos[pos.size() / 2], pos.front()})
                if (v < m.size_legend.back()) m.size_legend.push_back(v);
        }
    }

    // ---- colours: groups by decreasing size get the palette ----
    m.group.assign(n, -1);
    m.fill.assign(n, node_palette()[4]);
    if (!o.color.empty()) {
        const auto gc = group_colors(o.color, o.color_labels.size());
        for (const auto& [g, cnt] : gc.legend) {
            const std::string label = g >= 0 ? o.color_labels[static_cast<std::size_t>(g)]
                                      : g == -2 ? o.texts.other + " (" + std::to_string(gc.other_groups) + " " + o.texts.groups + ")"
                                                : o.texts.no_value;
            m.color_legend.push_back({g >= 0 ? gc.colors[static_cast<std::size_t>(g)] : g == -2 ? kOtherColor : kNoneColor,
                                      label, cnt});
        }
        for (std::size_t i = 0; i < n; ++i) {
            m.group[i] = o.color[i];
            m.fill[i] = o.color[i] >= 0 ? gc.colors[static_cast<std::size_t>(o.color[i])] : kNoneColor;
        }
    }

    // ---- respondents ----
    m.hollow.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        if (!o.responded.empty()) {
            m.hollow[i] = !o.responded[i];
            ++m.respondents_known;
        } else {
            const auto& a = net.structure(static_cast<index_t>(i)).attributes;
            if (auto it = a.find("responded"); it != a.end()) {
                ++m.respondents_known;
                if (auto b = std::get_if<bool>(&it->second)) m.hollow[i] = !*b;
                else if (auto v = std::get_if<std::int64_t>(&it->second)) m.hollow[i] = *v == 0;
            } else if (auto r = a.find("response"); r != a.end()) {
                ++m.respondents_known;
                const auto* st = std::get_if<std::string>(&r->second);
                m.hollow[i] = !st || (*st != "complete" && *st != "partial");
            }
        }
        m.hollow_count += static_cast<std::size_t>(m.hollow[i]);
    }

    // ---- edges: one per (pair, type) ----
    const bool by_status = o.edge_color == "status";
    const bool by_type = o.edge_color == "type";
    if (!by_status && !by_type && !o.edge_color.empty())
        throw input_error("edge_color: expected 'type', 'status' or None, got '" + o.edge_color + "'");
    struct Acc {
        double w = 0;
        bool all_unconfirmed = true, all_no_response = true;
        std::uint32_t status = 0;
    };
    std::map<std::tuple<index_t, index_t, std::uint32_t>, Acc> groups;
    for (const auto& l : net.links()) {
        index_t a = l.source, b = l.target;
        if (!net.is_directed(l) && a > b) std::swap(a, b);
        auto& acc = groups[{a, b, l.type}];
        acc.w += l.weight;
        if (net.status_name(l) != "unconfirmed") acc.all_unconfirmed = false;
        if (net.status_name(l) != "partner_did_not_respond") acc.all_no_response = false;
        if (acc.status == 0) acc.status = l.status;
    }
    // colour keys
    std::vector<std::string> key_names = by_status ? net.status_names() : net.type_names();
    std::vector<char> key_used(key_names.size(), 0);
    for (const auto& [k, acc] : groups) key_used[by_status ? acc.status : std::get<2>(k)] = 1;
    std::vector<std::string> key_color(key_names.size(), kEdgeGrey);
    if (by_type || by_status) {
        std::size_t j = 0;
        for (std::size_t k = 0; k < key_names.size(); ++k) {
            if (!key_used[k]) continue;
            key_color[k] = j < edge_palette().size() ? edge_palette()[j] : kEdgeGrey;
            ++j;
            m.edge_legend.emplace_back(key_names[k].empty() ? o.texts.no_status
                                       : by_status ? key_names[k]
                                                   : type_label(o, key_names[k]),
                                       key_color[k]);
        }
    }
    double wmax = 0;
    for (const auto& [k, acc] : groups) wmax = std::max(wmax, acc.w);
    // bends: parallel groups of one unordered pair fan out
    std::map<std::pair<index_t, index_t>, std::vector<std::size_t>> by_pair;
    for (const auto& [k, acc] : groups) {
        const auto [a, b, t] = k;
        MapModel::Edge e;
        e.s = a;
        e.t = b;
        e.type = t;
        e.key = by_status ? acc.status : t;
        e.color = key_color[e.key];
        e.style = acc.all_unconfirmed ? kDashed : acc.all_no_response ? kDotted : kSolid;
        e.arrow = net.type_directed(t);
        m.any_dashed = m.any_dashed || e.style == kDashed;
        m.any_dotted = m.any_dotted || e.style == kDotted;
        e.width = 1.2 + 2.8 * std::sqrt(acc.w / wmax);
        e.bend = 0;
        by_pair[{std::min(a, b), std::max(a, b)}].push_back(m.edges.size());
        m.edges.push_back(e);
    }
    for (const auto& [p, idx] : by_pair) {
        if (idx.size() < 2) continue;
        const double step = 14;
        for (std::size_t j = 0; j < idx.size(); ++j) {
            auto& e = m.edges[idx[j]];
            double b = (static_cast<double>(j) - static_cast<double>(idx.size() - 1) / 2) * step;
            if (e.s > e.t) b = -b;  // the opposite orientation bends to the same side in space
            e.bend = b;
        }
    }

    // ---- labels: greedy placement ----
    const double font = 15;
    std::vector<index_t> order(n);
    for (index_t i = 0; i < n; ++i) order[i] = i;
    if (!o.size.empty())
        std::stable_sort(order.begin(), order.end(), [&](index_t a, index_t b) {
            const double va = std::isfinite(o.size[a]) ? o.size[a] : -INFINITY;
            const double vb = std::isfinite(o.size[b]) ? o.size[b] : -INFINITY;
            return va > vb;
        });
    struct Rect {
        double x0, y0, x1, y1;
    };
    std::vector<Rect> placed;
    auto hits = [&](const Rect& q, index_t self) {
        if (q.x0 < m.map_x0 || q.x1 > m.map_x1 || q.y0 < m.map_y0 - 10 || q.y1 > m.map_y1 + 20) return true;
        for (const auto& p : placed)
            if (q.x0 < p.x1 && p.x0 < q.x1 && q.y0 < p.y1 && p.y0 < q.y1) return true;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == self) continue;
            const double cx = std::clamp(m.sx[j], q.x0, q.x1), cy = std::clamp(m.sy[j], q.y0, q.y1);
            if (std::hypot(cx - m.sx[j], cy - m.sy[j]) < m.r[j]) return true;
        }
        return false;
    };
    const std::size_t want = std::min(o.labels, n);
    for (std::size_t k = 0; k < want; ++k) {
        const index_t i = order[k];
        const auto text = utf8_truncate(net.structure(i).name, 30);
        const double w = text_width(text, font), h = font * 1.2, r = m.r[i] + 3;
        // candidate positions: (anchor x, baseline y, anchor, rect)
        struct Cand {
            double x, y;
            const char* anchor;
        };
        const double dy = font * 0.35;
        const Cand cands[] = {
            {m.sx[i] + r, m.sy[i] + dy, "start"},          {m.sx[i] - r, m.sy[i] + dy, "end"},
            {m.sx[i], m.sy[i] - r - 4, "middle"},          {m.sx[i], m.sy[i] + r + font, "middle"},
            {m.sx[i] + r * 0.7, m.sy[i] - r * 0.7, "start"}, {m.sx[i] - r * 0.7, m.sy[i] - r * 0.7, "end"},
            {m.sx[i] + r * 0.7, m.sy[i] + r * 0.7 + font * 0.8, "start"},
            {m.sx[i] - r * 0.7, m.sy[i] + r * 0.7 + font * 0.8, "end"},
        };
        for (const auto& c : cands) {
            const std::string_view a = c.anchor;
            const double lx = a == "start" ? c.x : a == "end" ? c.x - w : c.x - w / 2;
            const Rect q{lx - 2, c.y - font, lx + w + 2, c.y - font + h};
            if (hits(q, i)) continue;
            placed.push_back(q);
            m.labels.push_back({i, c.x, c.y, c.anchor, text});
            break;
        }
    }
    return m;
}

inline std::string info_line(const Network& net, const MapOptions& o, const MapModel& m) {
    std::string s;
    auto add = [&](const std::string& part) {
        if (!s.empty()) s += " \xC2\xB7 ";  // middle dot
        s += part;
    };
    const auto& t = o.texts;
    if (!o.wave.empty()) add(t.wave + " " + o.wave);
    if (!o.view.empty()) add(t.view + t.colon + o.view);
    add(std::to_string(net.number_of_structures()) + " " + t.structures);
    add(std::to_string(net.number_of_links()) + " " + t.links);
    if (m.respondents_known == m.n && m.n > 0) {
        const auto resp = m.n - m.hollow_count;
        add(t.response_rate + " " + fixed(100.0 * static_cast<double>(resp) / static_cast<double>(m.n), 0) +
            t.percent + " (" + std::to_string(resp) + "/" + std::to_string(m.n) + ")");
    }
    return s;
}

inline void svg_edge_path(std::string& out, const MapModel& m, const MapModel::Edge& e) {
    double x1 = m.sx[e.s], y1 = m.sy[e.s], x2 = m.sx[e.t], y2 = m.sy[e.t];
    const double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
    if (e.arrow && len > 0) {  // stop at the target's rim so the arrowhead shows
        const double cut = std::min(m.r[e.t] + 1.5, len / 2);
        x2 -= dx / len * cut;
        y2 -= dy / len * cut;
    }
    out += "M" + fixed(x1) + " " + fixed(y1);
    if (e.bend != 0 && len > 0) {
        const double mx = (x1 + x2) / 2 - dy / len * e.bend * 2, my = (y1 + y2) / 2 + dx / len * e.bend * 2;
        out += "Q" + fixed(mx) + " " + fixed(my) + " " + fixed(x2) + " " + fixed(y2);
    } else {
        out += "L" + fixed(x2) + " " + fixed(y2);
    }
}

inline std::string render_svg_element(const Network& net, const MapOptions& o, const MapModel& m) {
    std::string s;
    s.reserve(4096 + 200 * (m.n + m.edges.size()));
    const std::string W = fixed(o.width, 0), H = fixed(o.height, 0);
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + W + " " + H + "\" width=\"" + W +
         "\" height=\"" + H + "\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" role=\"img\">\n";
    s += "<title>";
    append_xml(s, o.title.empty() ? o.texts.untitled : o.title);
    s += "</title>\n";
    s += "<style>.label{font-size:15px;fill:#111;stroke:#fff;stroke-width:4px;stroke-linejoin:round;paint-order:stroke;}"
         ".legend{font-size:16px;fill:#222}.legend-h{font-size:17px;font-weight:bold;fill:#111}"
         ".node{stroke-width:1}.node.hollow{fill:#fff;stroke-width:3}.edge{fill:none;stroke-opacity:0.75}</style>\n";
    s += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + W + "\" height=\"" + H + "\" fill=\"#ffffff\"/>\n";
    // arrowheads, one per edge colour
    std::vector<std::string> arrow_colors;
    if (net.directed()) {
        for (const auto& e : m.edges)
            if (e.arrow && std::find(arrow_colors.begin(), arrow_colors.end(), e.color) == arrow_colors.end())
                arrow_colors.push_back(e.color);
        std::sort(arrow_colors.begin(), arrow_colors.end());
        s += "<defs>";
        for (std::size_t k = 0; k < arrow_colors.size(); ++k)
            s += "<marker id=\"arrow" + std::to_string(k) +
                 "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"" +
                 arrow_colors[k] + "\"/></marker>";
        s += "</defs>\n";
    }
    s += "<g id=\"viewport\">\n<g class=\"edges\">\n";
    for (const auto& e : m.edges) {
        s += "<path class=\"edge\" data-s=\"" + std::to_string(e.s) + "\" data-t=\"" + std::to_string(e.t) +
             "\" data-k=\"" + std::to_string(e.type) + "\" d=\"";
        svg_edge_path(s, m, e);
        s += "\" stroke=\"" + e.color + "\" stroke-width=\"" + fixed(e.width, 2) + "\"";
        if (e.style != kSolid) s += std::string(" stroke-dasharray=\"") + dash_array(e.style) + "\"";
        if (e.arrow) {
            const auto k = std::find(arrow_colors.begin(), arrow_colors.end(), e.color) - arrow_colors.begin();
            s += " marker-end=\"url(#arrow" + std::to_string(k) + ")\"";
        }
        s += "/>\n";
    }
    s += "</g>\n<g class=\"nodes\">\n";
    // small nodes on top of large ones
    std::vector<index_t> draw(m.n);
    for (index_t i = 0; i < m.n; ++i) draw[i] = i;
    std::stable_sort(draw.begin(), draw.end(), [&](index_t a, index_t b) { return m.r[a] > m.r[b]; });
    for (auto i : draw) {
        s += "<circle class=\"node";
        if (m.hollow[i]) s += " hollow";
        s += "\" data-i=\"" + std::to_string(i) + "\" data-id=\"";
        append_xml(s, net.structure(i).id);
        s += "\" cx=\"" + fixed(m.sx[i]) + "\" cy=\"" + fixed(m.sy[i]) + "\" r=\"" + fixed(m.r[i]) + "\"";
        // presentation attributes, not a class rule: a CSS stroke would win over the
        // ring colour (a non-respondent keeps its group colour as a ring)
        if (m.hollow[i]) s += " stroke=\"" + m.fill[i] + "\"";
        else s += " fill=\"" + m.fill[i] + "\" stroke=\"#333\"";
        s += "><title>";
        append_xml(s, net.structure(i).name);
        s += "</title></circle>\n";
    }
    s += "</g>\n<g class=\"labels\">\n";
    for (const auto& l : m.labels) {
        s += "<text class=\"label\" data-i=\"" + std::to_string(l.node) + "\" x=\"" + fixed(l.x) + "\" y=\"" +
             fixed(l.y) + "\" text-anchor=\"" + l.anchor + "\">";
        append_xml(s, l.text);
        s += "</text>\n";
    }
    s += "</g>\n</g>\n";

    // ---- title block ----
    s += "<g class=\"header\">\n";
    if (!o.title.empty()) {
        s += "<text x=\"30\" y=\"44\" font-size=\"30\" font-weight=\"bold\" fill=\"#111\">";
        append_xml(s, o.title);
        s += "</text>\n";
    }
    if (!o.subtitle.empty()) {
        s += "<text x=\"30\" y=\"74\" font-size=\"20\" fill=\"#222\">";
        append_xml(s, o.subtitle);
        s += "</text>\n";
    }
    s += "<text class=\"info\" x=\"30\" y=\"" + std::string(o.subtitle.empty() ? "74" : "102") +
         "\" font-size=\"17\" fill=\"#444\">";
    append_xml(s, info_line(net, o, m));
    s += "</text>\n</g>\n";

    // ---- legend ----
    const double lx = o.width - 320;
    double ly = 40;
    s += "<g class=\"legend-box\">\n<rect x=\"" + fixed(lx - 14) + "\" y=\"14\" width=\"324\" height=\"" +
         fixed(o.height - 28) + "\" fill=\"#f7f7f7\" stroke=\"#dddddd\" rx=\"6\"/>\n";
    auto heading = [&](const std::string& t) {
        s += "<text class=\"legend-h\" x=\"" + fixed(lx) + "\" y=\"" + fixed(ly) + "\">";
        append_xml(s, utf8_truncate(t, 28));
        s += "</text>\n";
        ly += 26;
    };
    auto item_text = [&](double x, const std::string& t) {
        s += "<text class=\"legend\" x=\"" + fixed(x) + "\" y=\"" + fixed(ly + 5) + "\">";
        append_xml(s, utf8_truncate(t, 27));
        s += "</text>\n";
    };
    const double bottom = o.height - 30;
    if (!m.color_legend.empty()) {
        heading(o.color_title.empty() ? o.texts.colour : o.color_title);
        for (std::size_t k = 0; k < m.color_legend.size() && ly < bottom - 200; ++k) {
            const auto& it = m.color_legend[k];
            s += "<circle cx=\"" + fixed(lx + 9) + "\" cy=\"" + fixed(ly) + "\" r=\"8\" fill=\"" + it.color +
                 "\" stroke=\"#333\"/>\n";
            item_text(lx + 26, it.label + " (" + std::to_string(it.count) + ")");
            ly += 24;
        }
        ly += 12;
    }
    if (!m.size_legend.empty() && ly < bottom - 120) {
        heading(o.texts.size + o.texts.colon + (o.size_title.empty() ? o.texts.measure : o.size_title));
        for (double v : m.size_legend) {
            const double r = m.rmin + (m.rmax - m.rmin) * std::sqrt(v / m.vmax);
            ly += std::max(r - 8, 0.0);
            s += "<circle cx=\"" + fixed(lx + 4 + m.rmax) + "\" cy=\"" + fixed(ly) + "\" r=\"" + fixed(r) +
                 "\" fill=\"#cccccc\" stroke=\"#333\"/>\n";
            std::string number = short_number(v);
            if (o.texts.decimal_point != '.') std::replace(number.begin(), number.end(), '.', o.texts.decimal_point);
            item_text(lx + 14 + 2 * m.rmax, number);
            ly += std::max(r, 8.0) + 12;
        }
        ly += 8;
    }
    if ((!m.edge_legend.empty() || m.any_dashed || m.any_dotted || m.hollow_count) && ly < bottom - 60) {
        heading(o.edge_color == "status" ? o.texts.link_status : o.texts.links);
        for (std::size_t k = 0; k < m.edge_legend.size() && ly < bottom - 50; ++k) {
            s += "<line x1=\"" + fixed(lx) + "\" y1=\"" + fixed(ly) + "\" x2=\"" + fixed(lx + 30) + "\" y2=\"" +
                 fixed(ly) + "\" stroke=\"" + m.edge_legend[k].second + "\" stroke-width=\"4\"/>\n";
            item_text(lx + 40, m.edge_legend[k].first);
            ly += 24;
        }
        for (const auto style : {kDashed, kDotted}) {
            if (!(style == kDashed ? m.any_dashed : m.any_dotted) || ly >= bottom - 30) continue;
            s += "<line x1=\"" + fixed(lx) + "\" y1=\"" + fixed(ly) + "\" x2=\"" + fixed(lx + 30) + "\" y2=\"" +
                 fixed(ly) + "\" stroke=\"#555\" stroke-width=\"3\" stroke-dasharray=\"" + dash_array(style) + "\"/>\n";
            item_text(lx + 40, style == kDashed ? o.texts.unconfirmed : o.texts.partner_did_not_respond);
            ly += 24;
        }
        if (m.hollow_count && ly < bottom - 10) {
            s += "<circle cx=\"" + fixed(lx + 15) + "\" cy=\"" + fixed(ly) +
                 "\" r=\"8\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"3\"/>\n";
            item_text(lx + 40, o.texts.did_not_respond + " (" + std::to_string(m.hollow_count) + ")");
            ly += 24;
        }
    }
    s += "</g>\n</svg>\n";
    return s;
}

inline const char* map_css() {
    return R"css(html,body{margin:0;padding:0;height:100%;font-family:"DejaVu Sans",Verdana,Arial,sans-serif;background:#fff;color:#111}
body{display:flex;flex-direction:column}
#bar{flex:0 0 auto;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;padding:8px 14px;background:#f0f0f0;border-bottom:1px solid #ccc;font-size:15px}
#bar input[type=search]{font-size:15px;padding:4px 8px;width:260px}
#bar label{white-space:nowrap;cursor:pointer}
#bar button{font-size:15px;padding:3px 10px}
#status{color:#555}
#filters{display:flex;flex-wrap:wrap;gap:4px 12px}
#map{position:relative;flex:1 1 auto;min-height:0;overflow:hidden}
#map svg{width:100%;height:100%;display:block;cursor:grab;touch-action:none}
#map svg.dragging{cursor:grabbing}
.node{cursor:pointer}
.dim{opacity:0.12}
.off{display:none}
.node.selected{stroke:#000;stroke-width:3.5}
#tip{position:fixed;z-index:10;max-width:380px;background:#fff;border:1px solid #888;border-radius:6px;padding:8px 10px;font-size:14px;box-shadow:0 2px 8px rgba(0,0,0,.25);pointer-events:none}
#tip h3{margin:0 0 4px 0;font-size:16px}
#tip table{border-collapse:collapse}
#tip td{padding:1px 6px 1px 0;vertical-align:top}
#tip td:first-child{color:#555}
)css";
}

inline const char* map_js() {
    return R"js((function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopmap-data').textContent);
  var svg = document.querySelector('#map svg');
  var vp = svg.querySelector('#viewport');
  var nodeEls = [], labelEls = [], edgeEls = [];
  Array.prototype.forEach.call(svg.querySelectorAll('.node'), function (el) { nodeEls[+el.getAttribute('data-i')] = el; });
  Array.prototype.forEach.call(svg.querySelectorAll('.label'), function (el) { labelEls[+el.getAttribute('data-i')] = el; });
  edgeEls = Array.prototype.slice.call(svg.querySelectorAll('.edge'));
  var n = data.nodes.length, adj = [], i;
  for (i = 0; i < n; i++) adj.push([]);
  edgeEls.forEach(function (el) {
    var s = +el.getAttribute('data-s'), t = +el.getAttribute('data-t');
    adj[s].push(t); adj[t].push(s);
  });

  // ---- pan and zoom ----
  var tx = 0, ty = 0, sc = 1;
  function apply() { vp.setAttribute('transform', 'translate(' + tx + ',' + ty + ') scale(' + sc + ')'); }
  function toSvg(ev) {
    var p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var f = ev.deltaY < 0 ? 1.2 : 1 / 1.2, p = toSvg(ev);
    var ns = Math.min(40, Math.max(0.2, sc * f)); f = ns / sc;
    tx = p.x - (p.x - tx) * f; ty = p.y - (p.y - ty) * f; sc = ns; apply();
  }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) {
    if (ev.target.classList && ev.target.classList.contains('node')) return;
    drag = { p: toSvg(ev), tx: tx, ty: ty, moved: false };
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var p = toSvg(ev);
    tx = drag.tx + (p.x - drag.p.x); ty = drag.ty + (p.y - drag.p.y);
    if (Math.abs(p.x - drag.p.x) + Math.abs(p.y - drag.p.y) > 3) drag.moved = true;
    apply();
  });
  function endDrag() {
    if (drag && !drag.moved) select(-1);
    drag = null; svg.classList.remove('dragging');
  }
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointerleave', function () { drag = null; svg.classList.remove('dragging'); });

  // ---- tooltip (text only: every data string goes through textContent) ----
  var tip = document.getElementById('tip');
  function row(table, k, v) {
    var tr = document.createElement('tr'), a = document.createElement('td'), b = document.createElement('td');
    a.textContent = k; b.textContent = v; tr.appendChild(a); tr.appendChild(b); table.appendChild(tr);
  }
  function fmt(v) {
    if (v === null) return 'n/a';
    if (typeof v === 'number') return Math.abs(v) >= 1000 || v === Math.round(v) ? String(v) : v.toPrecision(3);
    return String(v);
  }
  function showTip(k, ev) {
    var d = data.nodes[k];
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    var h = document.createElement('h3'); h.textContent = d.name; tip.appendChild(h);
    var t = document.createElement('table');
    row(t, data.texts.id, d.id);
    if (d.aliases.length) row(t, data.texts.aliases, d.aliases.join(', '));
    if (d.group !== null) row(t, data.color_title || data.texts.group, d.group);
    row(t, data.texts.partners, String(adj[k].filter(function (v, j, a) { return a.indexOf(v) === j; }).length));
    if (d.hollow) row(t, data.texts.survey, data.texts.did_not_respond);
    Object.keys(d.measures).forEach(function (m) { row(t, m, fmt(d.measures[m])); });
    Object.keys(d.attributes).forEach(function (a) { row(t, a, fmt(d.attributes[a])); });
    tip.appendChild(t);
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = ev.clientX - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > window.innerHeight) y = ev.clientY - tip.offsetHeight - 14;
    tip.style.left = Math.max(0, x) + 'px'; tip.style.top = Math.max(0, y) + 'px';
  }
  nodeEls.forEach(function (el, k) {
    el.addEventListener('mouseenter', function (ev) { showTip(k, ev); });
    el.addEventListener('mousemove', moveTip);
    el.addEventListener('mouseleave', function () { tip.hidden = true; });
    el.addEventListener('click', function (ev) { ev.stopPropagation(); select(selected === k ? -1 : k); });
  });

  // ---- highlight a structure and its partners ----
  var selected = -1;
  function select(k) {
    selected = k;
    var keep = {};
    if (k >= 0) { keep[k] = true; adj[k].forEach(function (v) { keep[v] = true; }); }
    nodeEls.forEach(function (el, j) {
      el.classList.toggle('dim', k >= 0 && !keep[j]);
      el.classList.toggle('selected', j === k);
    });
    labelEls.forEach(function (el, j) { if (el) el.classList.toggle('dim', k >= 0 && !keep[j]); });
    edgeEls.forEach(function (el) {
      var s = +el.getAttribute('data-s'), t = +el.getAttribute('data-t');
      el.classList.toggle('dim', k >= 0 && s !== k && t !== k);
    });
    status.textContent = k >= 0 ? data.nodes[k].name + data.texts.colon + adj[k].filter(function (v, j, a) { return a.indexOf(v) === j; }).length + ' ' + data.texts.partners : '';
  }

  // ---- link-type filter ----
  var filters = document.getElementById('filters');
  data.types.forEach(function (t, k) {
    if (!data.type_used[k]) return;
    var lab = document.createElement('label'), box = document.createElement('input'), sw = document.createElement('span');
    box.type = 'checkbox'; box.checked = true;
    sw.textContent = '\u25A0 '; sw.style.color = data.type_colors[k] || '#888';
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(data.type_labels[k]));
    box.addEventListener('change', function () {
      edgeEls.forEach(function (el) { if (+el.getAttribute('data-k') === k) el.classList.toggle('off', !box.checked); });
    });
    filters.appendChild(lab);
  });

  // ---- search by name, id or alias ----
  var search = document.getElementById('search'), status = document.getElementById('status');
  function norm(s) { return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }
  var keys = data.nodes.map(function (d) { return [d.name, d.id].concat(d.aliases).map(norm); });
  search.addEventListener('input', function () {
    var q = norm(search.value.trim());
    if (!q) { select(-1); return; }
    var hits = [];
    keys.forEach(function (ks, k) { if (ks.some(function (s) { return s.indexOf(q) >= 0; })) hits.push(k); });
    if (!hits.length) { select(-1); status.textContent = data.texts.no_match; return; }
    select(hits[0]);
    if (hits.length > 1) status.textContent += ' (' + hits.length + ' ' + data.texts.matches + ')';
    var el = nodeEls[hits[0]], cx = +el.getAttribute('cx'), cy = +el.getAttribute('cy');
    var vb = svg.viewBox.baseVal;
    tx = vb.width * 0.4 - cx * sc; ty = vb.height / 2 - cy * sc; apply();
  });
  document.getElementById('reset').addEventListener('click', function () {
    tx = 0; ty = 0; sc = 1; apply(); search.value = ''; select(-1);
    filters.querySelectorAll('input').forEach(function (b) { b.checked = true; });
    edgeEls.forEach(function (el) { el.classList.remove('off'); });
  });
  document.body.setAttribute('data-nodes', String(nodeEls.filter(Boolean).length));
  // Self-test for the headless browser test (map.html#selftest): drive the interactions
  // and record what they did.
  if (location.hash === '#selftest' && n > 0) {
    var r = {};
    select(0);
    r.dimmed = svg.querySelectorAll('.node.dim').length;
    r.partners = adj[0].filter(function (v, j, a) { return a.indexOf(v) === j; }).length;
    select(-1);
    search.value = data.nodes[n - 1].name; search.dispatchEvent(new Event('input'));
    r.found = selected;
    var first = filters.querySelector('input');
    if (first) { first.checked = false; first.dispatchEvent(new Event('change')); }
    r.hidden = svg.querySelectorAll('.edge.off').length;
    showTip(0, { clientX: 10, clientY: 10 });
    r.tip = tip.querySelector('h3').textContent;
    document.getElementById('reset').click();
    r.after_reset = svg.querySelectorAll('.edge.off, .node.dim').length;
    document.body.setAttribute('data-selftest', JSON.stringify(r));
  }
  document.body.setAttribute('data-ready', '1');
})();
)js";
}

inline std::string map_data_json(const Network& net, const MapOptions& o, const MapModel& m) {
    std::string j = "{\"nodes\":[";
    for (index_t i = 0; i < m.n; ++i) {
        const auto& s = net.structure(i);
        if (i) j += ',';
        j += "\n{\"id\":";
        append_json_string(j, s.id);
        j += ",\"name\":";
        append_json_string(j, s.name);
        j += ",\"aliases\":[";
        for (std::size_t k = 0; k < s.aliases.size(); ++k) {
            if (k) j += ',';
            append_json_string(j, s.aliases[k]);
        }
        j += "],\"group\":";
        if (m.group[i] >= 0) append_json_string(j, o.color_labels[static_cast<std::size_t>(m.group[i])]);
        else j += "null";
        j += ",\"hollow\":";
        j += m.hollow[i] ? "true" : "false";
        j += ",\"measures\":{";
        bool first = true;
        for (const auto& [name, vals] : o.measures) {
            if (vals.size() != m.n) throw input_error("measures: '" + name + "' needs one value per structure");
            if (!first) j += ',';
            first = false;
            append_json_string(j, name);
            j += ':' + json_number(vals[i]);
        }
        j += "},\"attributes\":{";
        first = true;
        for (const auto& [k, v] : s.attributes) {
            if (!first) j += ',';
            first = false;
            append_json_string(j, k);
            j += ':';
            append_json_value(j, v);
        }
        j += "}}";
    }
    j += "],\n\"types\":[";
    std::vector<char> used(net.type_names().size(), 0);
    std::vector<std::string> colors(net.type_names().size(), kEdgeGrey);
    for (const auto& e : m.edges) {
        used[e.type] = 1;
        if (o.edge_color == "type") colors[e.type] = e.color;
    }
    for (std::size_t k = 0; k < net.type_names().size(); ++k) {
        if (k) j += ',';
        append_json_string(j, net.type_names()[k]);
    }
    j += "],\"type_used\":[";
    for (std::size_t k = 0; k < used.size(); ++k) j += std::string(k ? "," : "") + (used[k] ? "true" : "false");
    j += "],\"type_colors\":[";
    for (std::size_t k = 0; k < colors.size(); ++k) {
        if (k) j += ',';
        append_json_string(j, colors[k]);
    }
    j += "],\"type_labels\":[";
    for (std::size_t k = 0; k < net.type_names().size(); ++k) {
        if (k) j += ',';
        append_json_string(j, type_label(o, net.type_names()[k]));
    }
    j += "],\"color_title\":";
    append_json_string(j, o.color_title);
    j += ",\"texts\":{";
    const auto& t = o.texts;
    const std::pair<const char*, const std::string*> texts[] = {
        {"no_match", &t.no_match}, {"matches", &t.matches}, {"id", &t.id}, {"aliases", &t.aliases},
        {"group", &t.group}, {"partners", &t.partners}, {"survey", &t.survey}, {"did_not_respond", &t.did_not_respond},
        {"colon", &t.colon}};
    for (std::size_t k = 0; k < std::size(texts); ++k) {
        if (k) j += ',';
        append_json_string(j, texts[k].first);
        j += ':';
        append_json_string(j, *texts[k].second);
    }
    j += "}}";
    return j;
}

}  // namespace detail

/// The map as a standalone SVG document (UTF-8). Node elements are
/// `<circle class="node" data-i=... data-id=...>`, one per structure. Every data text is
/// XML-escaped; the input rules (TextRule) keep data texts to XML 1.0 characters (a title
/// or other option text holding a forbidden control character loses it).
/// Errors: input_error when positions, color, size or responded do not have one entry
/// per structure, or a position is not finite. Complexity: O(n + m log m + L n) for L labels.
inline std::string render_svg(const Network& net, const MapOptions& o) {
    const auto m = detail::build_model(net, o);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + detail::render_svg_element(net, o, m);
}

/// The map as one self-contained HTML page that works offline: the SVG inline, CSS and
/// JavaScript inline, no external resource. Pan (drag) and zoom (wheel); hover shows a
/// structure's id, aliases, group, number of partners, measures and attributes; click
/// highlights its partners and fades the rest (click the background to clear); one
/// checkbox per link type hides or shows those edges; a search box finds a structure by
/// name, id or alias (case and accents ignored). The data are embedded as JSON in a
/// `<script type="application/json">` element with < > & U+2028 U+2029 escaped, and the
/// script writes data text only through textContent. When the script has run, body has
/// `data-ready="1"` and `data-nodes` = number of node elements; uncaught script errors
/// are counted in body's `data-errors`. Opened as `map.html#selftest`, the page drives
/// its own interactions (select, search, filter, tooltip, reset) and records the
/// outcome as JSON in body's `data-selftest` (used by the headless browser test).
inline std::string render_html(const Network& net, const MapOptions& o) {
    const auto m = detail::build_model(net, o);
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"";
    detail::append_xml(h, o.texts.lang);
    h += "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    detail::append_xml(h, o.title.empty() ? o.texts.untitled : o.title);
    h += "</title>\n<style>\n";
    h += detail::map_css();
    h += "</style>\n</head>\n<body data-ready=\"0\">\n"
         "<script>window.addEventListener('error',function(e){var b=document.body;"
         "b.setAttribute('data-errors',String((+b.getAttribute('data-errors')||0)+1));});</script>\n"
         "<div id=\"bar\"><input id=\"search\" type=\"search\" placeholder=\"";
    detail::append_xml(h, o.texts.search);
    h += "\" aria-label=\"";
    detail::append_xml(h, o.texts.search_label);
    h += "\"><span id=\"filters\"></span><button id=\"reset\" type=\"button\">";
    detail::append_xml(h, o.texts.reset);
    h += "</button><span id=\"status\"></span></div>\n<div id=\"map\">\n";
    h += detail::render_svg_element(net, o, m);
    h += "</div>\n<div id=\"tip\" hidden></div>\n<script type=\"application/json\" id=\"coopmap-data\">";
    h += detail::map_data_json(net, o, m);
    h += "</script>\n<script>\n";
    h += detail::map_js();
    h += "</script>\n</body>\n</html>\n";
    return h;
}

/// Writes the map to a file atomically; the format follows the extension: ".svg" or
/// ".html"/".htm" (case-insensitive). Other extensions raise input_error.
inline void draw(const Network& net, const std::string& path, const MapOptions& o) {
    std::string ext = path.size() >= 5 ? path.substr(path.size() - 5) : path;
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext.ends_with(".svg")) detail::write_file_atomic(path, render_svg(net, o));
    else if (ext.ends_with(".html") || ext.ends_with(".htm")) detail::write_file_atomic(path, render_html(net, o));
    else throw input_error("path: '" + path + "' must end in .svg or .html");
}

}  // namespace coopmap
