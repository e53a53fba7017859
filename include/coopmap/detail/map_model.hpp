#pragma once
/// \file detail/map_model.hpp
/// The builder of coopmap::MapModel (map.hpp): projection, sizes, group colours,
/// respondents, edge merging and bending, legends and greedy label placement.
/// Included by map.hpp after the public types (MapOptions, MapModel...) it fills.
#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "coopmap/detail/escape.hpp"
#include "coopmap/error.hpp"

namespace coopmap::detail {

inline const std::vector<std::string>& node_palette() {
    // Okabe & Ito (2008) without black, then Paul Tol's "light" scheme.
    static const std::vector<std::string> p = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2",
                                               "#D55E00", "#CC79A7", "#77AADD", "#EE8866", "#EEDD88",
                                               "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33"};
    return p;
}
inline const std::vector<std::string>& edge_palette() {
    // Paul Tol's "muted" scheme, then the distinct colours of his "vibrant" scheme.
    static const std::vector<std::string> p = {"#332288", "#117733", "#CC6677", "#44AA99", "#882255", "#999933",
                                               "#AA4499", "#88CCEE", "#DDCC77",
                                               // then Paul Tol's "vibrant" scheme
                                               "#0077BB", "#EE7733", "#EE3377", "#33BBEE", "#CC3311", "#009988"};
    return p;
}
inline constexpr const char* kOtherColor = "#BBBBBB";
inline constexpr const char* kNoneColor = "#DDDDDD";
inline constexpr const char* kEdgeGrey = "#8C8C8C";

/// The line style of a link type code (MapOptions::type_styles, else solid).
inline EdgeStyle type_style(const MapOptions& o, const std::string& code) {
    const auto it = o.type_styles.find(code);
    return it == o.type_styles.end() ? EdgeStyle::solid : it->second;
}

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

/// Estimated width of a label in px (0.6 font per code point).
inline double text_width(std::string_view s, double font) { return 0.6 * font * static_cast<double>(utf8_length(s)); }

inline void check_map_options(const Network& net, const MapOptions& o) {
    const auto n = net.number_of_structures();
    if (o.positions.x.size() != n || o.positions.y.size() != n)
        throw input_error("positions: expected " + std::to_string(n) + " positions, got " +
                          std::to_string(o.positions.x.size()));
    if (!o.color.empty() && o.color.size() != n) throw input_error("color: one group per structure expected");
    if (!o.size.empty() && o.size.size() != n) throw input_error("size: one value per structure expected");
    if (!o.responded.empty() && o.responded.size() != n)
        throw input_error("responded: one flag per structure expected");
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
        if (g >= static_cast<std::int64_t>(o.color_groups)) throw input_error("color: group index beyond color_groups");
    for (index_t v : o.label_nodes)
        if (v >= n) throw input_error("label_nodes: structure index " + std::to_string(v) + " out of range");
    for (const auto& [code, c] : o.type_colors) {
        const bool hex = c.size() == 7 && c[0] == '#' && std::all_of(c.begin() + 1, c.end(), [](char ch) {
                             return std::isxdigit(static_cast<unsigned char>(ch));
                         });
        if (!hex) throw input_error("type_colors: the colour of '" + code + "' must be #RRGGBB");
    }
    if (o.bridges && o.color.empty()) throw input_error("bridges: the bridge view needs a colour group per structure");
    if (o.edge_color != "status" && o.edge_color != "type" && !o.edge_color.empty())
        throw input_error("edge_color: expected 'type', 'status' or None, got '" + o.edge_color + "'");
}

/// Map area, radii bounds and the projection of the positions (aspect kept, y flipped).
inline void project_nodes(const MapOptions& o, MapModel& m) {
    const auto n = o.positions.x.size();
    m.width = o.width;
    m.height = o.height;
    m.map_x0 = 30;
    m.map_x1 = o.width - 340;
    m.map_y0 = 120;
    m.map_y1 = o.height - 30;
    m.rmax = std::clamp(
        0.45 * std::sqrt((m.map_x1 - m.map_x0) * (m.map_y1 - m.map_y0) / std::max<double>(1, static_cast<double>(n))),
        4.0, 24.0);
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
    m.nodes.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m.nodes[i].x = cxs + (o.positions.x[i] - cxw) * scale;
        m.nodes[i].y = cys - (o.positions.y[i] - cyw) * scale;
    }
}

/// Radii from the size measure, the size legend and the drawing order.
inline void size_nodes(const MapOptions& o, MapModel& m) {
    const auto n = m.nodes.size();
    for (auto& v : m.nodes) v.radius = o.size.empty() ? std::max(m.rmin, 0.55 * m.rmax) : m.rmin;
    auto radius = [&](double v) { return m.rmin + (m.rmax - m.rmin) * std::sqrt(v / m.vmax); };
    if (!o.size.empty()) {
        for (double v : o.size)
            if (std::isfinite(v)) m.vmax = std::max(m.vmax, v);
        for (std::size_t i = 0; i < n; ++i) {
            const double v = o.size[i];
            if (m.vmax > 0 && std::isfinite(v) && v > 0) m.nodes[i].radius = radius(v);
        }
        // legend: largest, median and smallest positive values
        std::vector<double> pos;
        for (double v : o.size)
            if (std::isfinite(v) && v > 0) pos.push_back(v);
        if (!pos.empty()) {
            std::sort(pos.begin(), pos.end());
            m.size_legend.push_back({pos.back(), radius(pos.back())});
            for (double v : {pos[pos.size() / 2], pos.front()})
                if (v < m.size_legend.back().value) m.size_legend.push_back({v, radius(v)});
        }
    }
    m.draw_order.resize(n);
    for (index_t i = 0; i < n; ++i) m.draw_order[i] = i;
    std::stable_sort(m.draw_order.begin(), m.draw_order.end(),
                     [&](index_t a, index_t b) { return m.nodes[a].radius > m.nodes[b].radius; });
}

/// Group colours and the colour legend.
inline void color_nodes(const MapOptions& o, MapModel& m) {
    for (auto& v : m.nodes) v.color = node_palette()[4];
    if (o.color.empty()) return;
    const auto gc = group_colors(o.color, o.color_groups);
    for (const auto& [g, cnt] : gc.legend) {
        MapColorEntry e;
        e.key = g >= 0 ? "group" : g == -2 ? "other" : "no_value";
        e.group = g >= 0 ? g : -1;
        e.color = g >= 0 ? gc.colors[static_cast<std::size_t>(g)] : g == -2 ? kOtherColor : kNoneColor;
        e.count = cnt;
        e.groups = g == -2 ? gc.other_groups : 0;
        m.color_legend.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        m.nodes[i].group = o.color[i];
        m.nodes[i].color = o.color[i] >= 0 ? gc.colors[static_cast<std::size_t>(o.color[i])] : kNoneColor;
    }
}

/// Hollow nodes (non-respondents) and the number of known answers.
inline void mark_respondents(const Network& net, const MapOptions& o, MapModel& m) {
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        bool hollow = false;
        if (!o.responded.empty()) {
            hollow = !o.responded[i];
            ++m.respondents_known;
        } else {
            const auto& a = net.structure(static_cast<index_t>(i)).attributes;
            if (auto it = a.find("responded"); it != a.end()) {
                ++m.respondents_known;
                if (auto b = std::get_if<bool>(&it->second)) hollow = !*b;
                else if (auto v = std::get_if<std::int64_t>(&it->second)) hollow = *v == 0;
            } else if (auto r = a.find("response"); r != a.end()) {
                ++m.respondents_known;
                const auto* st = std::get_if<std::string>(&r->second);
                hollow = !st || (*st != "complete" && *st != "partial");
            }
        }
        m.nodes[i].hollow = hollow;
        m.hollow += static_cast<std::size_t>(hollow);
    }
}

/// The path of an edge: arcs stop at the target's rim so the arrowhead shows; a bent
/// edge is a quadratic curve whose control point is 2 bend px off the chord's midpoint.
inline void edge_path(const MapModel& m, MapEdge& e) {
    double x1 = m.nodes[e.source].x, y1 = m.nodes[e.source].y, x2 = m.nodes[e.target].x, y2 = m.nodes[e.target].y;
    const double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
    if (e.arrow && len > 0) {
        const double cut = std::min(m.nodes[e.target].radius + 1.5, len / 2);
        x2 -= dx / len * cut;
        y2 -= dy / len * cut;
    }
    e.x1 = x1;
    e.y1 = y1;
    e.x2 = x2;
    e.y2 = y2;
    e.curved = e.bend != 0 && len > 0;
    if (e.curved) {
        e.cx = (x1 + x2) / 2 - dy / len * e.bend * 2;
        e.cy = (y1 + y2) / 2 + dx / len * e.bend * 2;
    }
}

/// Edges: one per (pair, type), coloured by type or status, styled, bent apart.
inline void build_edges(const Network& net, const MapOptions& o, MapModel& m) {
    const bool by_status = o.edge_color == "status";
    const bool by_type = o.edge_color == "type";
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
    const std::vector<std::string>& key_names = by_status ? net.status_names() : net.type_names();
    std::vector<char> key_used(key_names.size(), 0);
    for (const auto& [k, acc] : groups) key_used[by_status ? acc.status : std::get<2>(k)] = 1;
    std::vector<std::string> key_color(key_names.size(), kEdgeGrey);
    if (by_type || by_status) {
        std::size_t j = 0;
        for (std::size_t k = 0; k < key_names.size(); ++k) {
            if (!key_used[k]) continue;
            key_color[k] = j < edge_palette().size() ? edge_palette()[j] : kEdgeGrey;
            ++j;
            if (by_type) {
                if (const auto c = o.type_colors.find(key_names[k]); c != o.type_colors.end()) key_color[k] = c->second;
            }
            if (key_names[k].empty()) m.edge_legend.push_back({"no_status", "", key_color[k]});
            else if (by_status) m.edge_legend.push_back({"status", key_names[k], key_color[k]});
            else
                m.edge_legend.push_back(
                    {"type", type_label(o, key_names[k]), key_color[k], type_style(o, key_names[k])});
        }
    }
    double wmax = 0;
    for (const auto& [k, acc] : groups) wmax = std::max(wmax, acc.w);
    // bends: parallel groups of one unordered pair fan out
    std::map<std::pair<index_t, index_t>, std::vector<std::size_t>> by_pair;
    for (const auto& [k, acc] : groups) {
        const auto [a, b, t] = k;
        MapEdge e;
        e.source = a;
        e.target = b;
        e.type = t;
        e.color = key_color[by_status ? acc.status : t];
        e.arrow = net.type_directed(t);
        if (const auto st = o.type_styles.find(net.type_names()[t]); st != o.type_styles.end()) {
            e.style = st->second;  // the type's own style, shown in its legend row
        } else {
            e.style = acc.all_unconfirmed   ? EdgeStyle::dashed
                      : acc.all_no_response ? EdgeStyle::dotted
                                            : EdgeStyle::solid;
            m.any_dashed = m.any_dashed || e.style == EdgeStyle::dashed;
            m.any_dotted = m.any_dotted || e.style == EdgeStyle::dotted;
        }
        e.width = 1.2 + 2.8 * std::sqrt(acc.w / wmax);
        e.cross = !o.color.empty() && o.color[a] >= 0 && o.color[b] >= 0 && o.color[a] != o.color[b];
        by_pair[{std::min(a, b), std::max(a, b)}].push_back(m.edges.size());
        m.edges.push_back(std::move(e));
    }
    for (const auto& [p, idx] : by_pair) {
        // arcs: every pair curves by 8 % of its chord, the lower index on the left, and
        // parallel edges fan out around that curve
        double base = 0;
        if (o.arcs) {
            const auto& u = m.nodes[p.first];
            const auto& v = m.nodes[p.second];
            base = 0.08 * std::hypot(v.x - u.x, v.y - u.y);
        }
        const double step = 14;
        for (std::size_t j = 0; j < idx.size(); ++j) {
            auto& e = m.edges[idx[j]];
            double b = base + (static_cast<double>(j) - static_cast<double>(idx.size() - 1) / 2) * step;
            if (e.source > e.target) b = -b;  // the opposite orientation bends to the same side in space
            e.bend = b;
        }
    }
    // arrowheads, one per edge colour (a directed or mixed network)
    if (net.directed()) {
        for (const auto& e : m.edges)
            if (e.arrow && std::find(m.arrow_colors.begin(), m.arrow_colors.end(), e.color) == m.arrow_colors.end())
                m.arrow_colors.push_back(e.color);
        std::sort(m.arrow_colors.begin(), m.arrow_colors.end());
    }
    for (auto& e : m.edges) {
        edge_path(m, e);
        if (e.arrow && net.directed())
            e.marker = static_cast<int>(std::find(m.arrow_colors.begin(), m.arrow_colors.end(), e.color) -
                                        m.arrow_colors.begin());
    }
    // link types, for the filter of the interactive map
    m.link_types.resize(net.type_names().size());
    for (std::size_t k = 0; k < net.type_names().size(); ++k) {
        m.link_types[k].code = net.type_names()[k];
        m.link_types[k].label = type_label(o, net.type_names()[k]);
        m.link_types[k].color = kEdgeGrey;
    }
    for (const auto& e : m.edges) {
        m.link_types[e.type].used = true;
        if (by_type) m.link_types[e.type].color = e.color;
    }
}

/// The label of a structure: its "short_name" (else "acronym") attribute when it is a
/// non-empty text, else its name; shortened to 30 code points without cutting a word
/// (short_label).
inline std::string map_label(const Structure& s) {
    for (const char* key : {"short_name", "acronym"}) {
        const auto it = s.attributes.find(key);
        if (it == s.attributes.end()) continue;
        const auto* text = std::get_if<std::string>(&it->second);
        if (text && text->find_first_not_of(" \t") != std::string::npos) return short_label(*text, 30);
    }
    return short_label(s.name, 30);
}

/// Rings of places tried around a node for its label (the first touching the node), then
/// a spiral of places out to kLabelReach px from its centre.
inline constexpr int kLabelRings = 8;
inline constexpr double kLabelReach = 700;

/// Greedy label placement: the `labels` largest structures, each at the first of 8
/// positions around its node, on 8 rings from 3 to 115 px from its rim, 16 px apart, then
/// on a spiral out to 700 px from its centre (a leader line joins a label placed away
/// from its node to it), whose box hits no placed label, no other node and stays in the
/// map area. A 64 px grid lists nodes and placed labels by cell, so a check meets the few
/// near it: O(n + P L) for L labels and P places tried per label (at most 64 on the rings
/// and about 1,200 on the spiral), in a map that is not crowded beyond a few nodes per cell.
inline void place_labels(const Network& net, const MapOptions& o, MapModel& m) {
    const auto n = m.nodes.size();
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
    // a uniform grid of 64 px cells over the map area: each node and each placed label is
    // listed in the cells its disc or box touches, so that a candidate box only meets the
    // few near it (O(1) per check at any n instead of O(L + n))
    const double cell = 64;
    const double gx0 = m.map_x0 - cell, gy0 = m.map_y0 - cell;
    const auto cols = static_cast<std::size_t>((m.map_x1 - gx0) / cell) + 3;
    const auto rows = static_cast<std::size_t>((m.map_y1 - gy0) / cell) + 3;
    std::vector<std::vector<index_t>> node_cells(cols * rows), label_cells(cols * rows);
    auto span = [&](double a0, double a1, double origin, std::size_t count) {
        const auto clampi = [&](double v) {
            return static_cast<std::size_t>(std::clamp((v - origin) / cell, 0.0, static_cast<double>(count - 1)));
        };
        return std::pair{clampi(a0), clampi(a1)};
    };
    for (index_t j = 0; j < n; ++j) {
        const auto& v = m.nodes[j];
        const auto [c0, c1] = span(v.x - v.radius, v.x + v.radius, gx0, cols);
        const auto [r0, r1] = span(v.y - v.radius, v.y + v.radius, gy0, rows);
        for (std::size_t r = r0; r <= r1; ++r)
            for (std::size_t c = c0; c <= c1; ++c) node_cells[r * cols + c].push_back(j);
    }
    auto hits = [&](const Rect& q, index_t self) {
        if (q.x0 < m.map_x0 || q.x1 > m.map_x1 || q.y0 < m.map_y0 - 10 || q.y1 > m.map_y1 + 20) return true;
        const auto [c0, c1] = span(q.x0, q.x1, gx0, cols);
        const auto [r0, r1] = span(q.y0, q.y1, gy0, rows);
        for (std::size_t r = r0; r <= r1; ++r)
            for (std::size_t c = c0; c <= c1; ++c) {
                for (index_t k : label_cells[r * cols + c]) {
                    const auto& p = placed[k];
                    if (q.x0 < p.x1 && p.x0 < q.x1 && q.y0 < p.y1 && p.y0 < q.y1) return true;
                }
                for (index_t j : node_cells[r * cols + c]) {
                    if (j == self) continue;
                    const auto& v = m.nodes[j];
                    const double cx = std::clamp(v.x, q.x0, q.x1), cy = std::clamp(v.y, q.y0, q.y1);
                    if (std::hypot(cx - v.x, cy - v.y) < v.radius) return true;
                }
            }
        return false;
    };
    auto remember = [&](const Rect& q) {  // a placed label's box, listed in its cells
        placed.push_back(q);
        const auto [c0, c1] = span(q.x0, q.x1, gx0, cols);
        const auto [r0, r1] = span(q.y0, q.y1, gy0, rows);
        for (std::size_t r = r0; r <= r1; ++r)
            for (std::size_t c = c0; c <= c1; ++c)
                label_cells[r * cols + c].push_back(static_cast<index_t>(placed.size() - 1));
    };
    if (!o.label_nodes.empty()) order = o.label_nodes;
    const std::size_t want = o.label_nodes.empty() ? std::min(o.labels, n) : order.size();
    for (std::size_t k = 0; k < want; ++k) {
        const index_t i = order[k];
        const auto& v = m.nodes[i];
        auto text = map_label(net.structure(i));
        const double w = text_width(text, font), h = font * 1.2;
        struct Cand {
            double x, y;
            const char* anchor;
        };
        const double dy = font * 0.35;
        // the label at place c, if its box is free; a leader line joins it to its node
        // when it does not touch it
        auto try_place = [&](const Cand& c, bool far) {
            const std::string_view a = c.anchor;
            const double lx = a == "start" ? c.x : a == "end" ? c.x - w : c.x - w / 2;
            const Rect q{lx - 2, c.y - font, lx + w + 2, c.y - font + h};
            if (hits(q, i)) return false;
            remember(q);
            MapLabel label{i, c.x, c.y, c.anchor, text};
            if (far) {
                // from the node's rim towards the nearest point of the label's box
                const double ex = std::clamp(v.x, q.x0, q.x1), ey = std::clamp(v.y, q.y0, q.y1);
                const double d = std::hypot(ex - v.x, ey - v.y);
                label.leader = d > v.radius;
                if (label.leader) {
                    label.lx1 = v.x + (ex - v.x) / d * v.radius;
                    label.ly1 = v.y + (ey - v.y) / d * v.radius;
                    label.lx2 = ex;
                    label.ly2 = ey;
                }
            }
            m.labels.push_back(std::move(label));
            return true;
        };
        bool done = false;
        // rings of 8 places at growing distances; beyond the first, a leader line joins the
        // label to its node
        for (int ring = 0; ring < kLabelRings && !done; ++ring) {
            const double r = v.radius + 3 + ring * 16.0;
            const Cand cands[] = {
                {v.x + r, v.y + dy, "start"},
                {v.x - r, v.y + dy, "end"},
                {v.x, v.y - r - 4, "middle"},
                {v.x, v.y + r + font, "middle"},
                {v.x + r * 0.7, v.y - r * 0.7, "start"},
                {v.x - r * 0.7, v.y - r * 0.7, "end"},
                {v.x + r * 0.7, v.y + r * 0.7 + font * 0.8, "start"},
                {v.x - r * 0.7, v.y + r * 0.7 + font * 0.8, "end"},
            };
            for (const auto& c : cands)
                if (try_place(c, ring > 0)) {
                    done = true;
                    break;
                }
        }
        // then a spiral of places farther out (every 15 degrees, 12 px apart, up to
        // kLabelReach px), the label on the side away from the node
        for (double r = v.radius + 3 + kLabelRings * 16.0; r <= kLabelReach && !done; r += 12) {
            for (int step = 0; step < 24 && !done; ++step) {
                const double angle = step * (3.14159265358979323846 / 12);
                const double px = v.x + r * std::cos(angle), py = v.y + r * std::sin(angle);
                done = try_place({px, py + dy, std::cos(angle) >= 0 ? "start" : "end"}, true);
            }
        }
    }
}

/// The rows of the legend panel, stacked from y = 40 while they fit above the bottom.
inline void layout_legend(MapModel& m, bool bridges) {
    const double lx = m.width - 320, bottom = m.height - 30;
    double ly = 40;
    m.legend_box_x = lx - 14;
    m.legend_box_height = m.height - 28;
    auto heading = [&](const char* kind) {
        m.legend.push_back({kind, 0, lx, ly, 0, lx, ly});
        ly += 26;
    };
    auto row = [&](const char* kind, std::size_t entry, double x, double x2, double text_x) {
        m.legend.push_back({kind, entry, x, ly, x2, text_x, ly + 5});
    };
    if (!m.color_legend.empty()) {
        heading("color_heading");
        for (std::size_t k = 0; k < m.color_legend.size() && ly < bottom - 200; ++k) {
            row("color", k, lx + 9, 0, lx + 26);
            ly += 24;
        }
        ly += 12;
    }
    if (!m.size_legend.empty() && ly < bottom - 120) {
        heading("size_heading");
        for (std::size_t k = 0; k < m.size_legend.size(); ++k) {
            const double r = m.size_legend[k].radius;
            ly += std::max(r - 8, 0.0);
            row("size", k, lx + 4 + m.rmax, 0, lx + 14 + 2 * m.rmax);
            ly += std::max(r, 8.0) + 12;
        }
        ly += 8;
    }
    if ((!m.edge_legend.empty() || m.any_dashed || m.any_dotted || bridges || m.hollow) && ly < bottom - 60) {
        heading("edge_heading");
        for (std::size_t k = 0; k < m.edge_legend.size() && ly < bottom - 50; ++k) {
            row("edge", k, lx, lx + 30, lx + 40);
            ly += 24;
        }
        for (const auto& [kind, shown] : {std::pair{"dashed", m.any_dashed}, std::pair{"dotted", m.any_dotted},
                                          std::pair{"cross", bridges}, std::pair{"within", bridges}}) {
            if (!shown || ly >= bottom - 30) continue;
            row(kind, 0, lx, lx + 30, lx + 40);
            ly += 24;
        }
        if (m.hollow && ly < bottom - 10) row("hollow", 0, lx + 15, 0, lx + 40);
    }
}

inline MapModel build_map_model(const Network& net, const MapOptions& o) {
    check_map_options(net, o);
    MapModel m;
    m.structures = net.number_of_structures();
    m.links = net.number_of_links();
    m.directed = net.directed();
    project_nodes(o, m);
    size_nodes(o, m);
    color_nodes(o, m);
    mark_respondents(net, o, m);
    build_edges(net, o, m);
    place_labels(net, o, m);
    layout_legend(m, o.bridges);
    return m;
}

}  // namespace coopmap::detail
