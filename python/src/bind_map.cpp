// Bindings of coopmap/map.hpp: the map model (coopmap.maps writes the SVG and HTML).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <map>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/detail/atomic_file.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/map.hpp"

namespace coopmap::py_bind {

namespace {

/// One field of every item as a numpy array (GIL held).
template <class T, class Item, class Field>
py::array_t<T> column(const std::vector<Item>& items, Field Item::* field) {
    py::array_t<T> a(static_cast<py::ssize_t>(items.size()));
    auto* p = a.mutable_data();
    for (std::size_t i = 0; i < items.size(); ++i) p[i] = static_cast<T>(items[i].*field);
    return a;
}

/// One text field of every item as a list of str.
template <class Item>
StrList texts(const std::vector<Item>& items, std::string Item::* field) {
    StrList l(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) l[i] = py::str(items[i].*field);
    return l;
}

}  // namespace

void bind_map(py::module_& m) {
    py::class_<MapColorEntry>(m, "MapColorEntry", "An entry of a map's colour legend.")
        .def_readonly("key", &MapColorEntry::key,
                      "\"group\", \"other\" (the groups beyond the palette) or \"no_value\".")
        .def_readonly("group", &MapColorEntry::group, "The group index (key \"group\"), else -1.")
        .def_readonly("color", &MapColorEntry::color)
        .def_readonly("count", &MapColorEntry::count, "Number of structures.")
        .def_readonly("groups", &MapColorEntry::groups, "Number of groups of the \"other\" entry.");
    py::class_<MapSizeEntry>(m, "MapSizeEntry", "An entry of a map's size legend.")
        .def_readonly("value", &MapSizeEntry::value)
        .def_readonly("radius", &MapSizeEntry::radius);
    py::class_<MapEdgeEntry>(m, "MapEdgeEntry", "An entry of a map's edge colour legend.")
        .def_readonly("key", &MapEdgeEntry::key, "\"type\", \"status\" or \"no_status\".")
        .def_readonly("label", &MapEdgeEntry::label, "Display label of the type, or the status.")
        .def_readonly("color", &MapEdgeEntry::color)
        .def_property_readonly(
            "style", [](const MapEdgeEntry& e) { return static_cast<int>(e.style); },
            "Line style of a type's row: 0 solid, 1 dashed, 2 dotted.");
    py::class_<MapLinkType>(m, "MapLinkType", "A link type of a mapped network.")
        .def_readonly("code", &MapLinkType::code)
        .def_readonly("label", &MapLinkType::label)
        .def_readonly("used", &MapLinkType::used, "True when an edge of the map has this type.")
        .def_readonly("color", &MapLinkType::color);
    py::class_<MapLabel>(m, "MapLabel", "A placed label of a map.")
        .def_readonly("node", &MapLabel::node)
        .def_readonly("x", &MapLabel::x)
        .def_readonly("y", &MapLabel::y, "The text baseline.")
        .def_readonly("anchor", &MapLabel::anchor, "\"start\", \"middle\" or \"end\".")
        .def_readonly("text", &MapLabel::text)
        .def_readonly("leader", &MapLabel::leader, "Placed away from its node: a leader line joins them.")
        .def_readonly("lx1", &MapLabel::lx1, "Leader line: start on the node's rim.")
        .def_readonly("ly1", &MapLabel::ly1)
        .def_readonly("lx2", &MapLabel::lx2, "Leader line: end on the label's box.")
        .def_readonly("ly2", &MapLabel::ly2);

    py::class_<MapLegendRow>(m, "MapLegendRow", "A row of a map's legend panel (coopmap/map.hpp).")
        .def_readonly("kind", &MapLegendRow::kind,
                      "\"color_heading\", \"color\", \"size_heading\", \"size\", \"edge_heading\", \"edge\", "
                      "\"dashed\", \"dotted\", \"cross\", \"within\" or \"hollow\".")
        .def_readonly("entry", &MapLegendRow::entry, "Index into color_legend, size_legend or edge_legend.")
        .def_readonly("x", &MapLegendRow::x, "The sample: circle centre or line start.")
        .def_readonly("y", &MapLegendRow::y)
        .def_readonly("x2", &MapLegendRow::x2, "End of a line sample.")
        .def_readonly("text_x", &MapLegendRow::text_x)
        .def_readonly("text_y", &MapLegendRow::text_y);

    py::class_<MapModel>(m, "MapModel",
                         "A map computed (coopmap/map.hpp): screen geometry in px, colours, legends and "
                         "labels. Per-node and per-edge fields are numpy arrays (colours lists of str).")
        .def_readonly("width", &MapModel::width)
        .def_readonly("height", &MapModel::height)
        .def_readonly("map_x0", &MapModel::map_x0)
        .def_readonly("map_y0", &MapModel::map_y0)
        .def_readonly("map_x1", &MapModel::map_x1)
        .def_readonly("map_y1", &MapModel::map_y1)
        .def_readonly("rmin", &MapModel::rmin)
        .def_readonly("rmax", &MapModel::rmax)
        .def_readonly("vmax", &MapModel::vmax)
        .def_property_readonly("node_x", [](const MapModel& o) { return column<double>(o.nodes, &MapNode::x); })
        .def_property_readonly("node_y", [](const MapModel& o) { return column<double>(o.nodes, &MapNode::y); })
        .def_property_readonly("node_radius",
                               [](const MapModel& o) { return column<double>(o.nodes, &MapNode::radius); })
        .def_property_readonly("node_color", [](const MapModel& o) { return texts(o.nodes, &MapNode::color); })
        .def_property_readonly("node_hollow", [](const MapModel& o) { return column<bool>(o.nodes, &MapNode::hollow); })
        .def_property_readonly("node_group",
                               [](const MapModel& o) { return column<std::int64_t>(o.nodes, &MapNode::group); })
        .def_property_readonly(
            "draw_order",
            [](const MapModel& o) {
                py::array_t<std::uint32_t> a(static_cast<py::ssize_t>(o.draw_order.size()));
                std::copy(o.draw_order.begin(), o.draw_order.end(), a.mutable_data());
                return a;
            },
            "Node indices by decreasing radius (small nodes drawn last, on top).")
        .def_property_readonly("edge_source",
                               [](const MapModel& o) { return column<std::uint32_t>(o.edges, &MapEdge::source); })
        .def_property_readonly("edge_target",
                               [](const MapModel& o) { return column<std::uint32_t>(o.edges, &MapEdge::target); })
        .def_property_readonly("edge_type",
                               [](const MapModel& o) { return column<std::uint32_t>(o.edges, &MapEdge::type); })
        .def_property_readonly("edge_color", [](const MapModel& o) { return texts(o.edges, &MapEdge::color); })
        .def_property_readonly(
            "edge_style", [](const MapModel& o) { return column<std::uint8_t>(o.edges, &MapEdge::style); },
            "0 solid, 1 dashed (unconfirmed), 2 dotted (partner did not respond).")
        .def_property_readonly("edge_arrow", [](const MapModel& o) { return column<bool>(o.edges, &MapEdge::arrow); })
        .def_property_readonly(
            "edge_marker", [](const MapModel& o) { return column<std::int32_t>(o.edges, &MapEdge::marker); },
            "Index of the edge's arrowhead in arrow_colors, -1: none.")
        .def_property_readonly("edge_width", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::width); })
        .def_property_readonly("edge_bend", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::bend); })
        .def_property_readonly("edge_x1", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::x1); })
        .def_property_readonly("edge_y1", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::y1); })
        .def_property_readonly("edge_cx", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::cx); })
        .def_property_readonly("edge_cy", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::cy); })
        .def_property_readonly("edge_x2", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::x2); })
        .def_property_readonly("edge_y2", [](const MapModel& o) { return column<double>(o.edges, &MapEdge::y2); })
        .def_property_readonly("edge_curved", [](const MapModel& o) { return column<bool>(o.edges, &MapEdge::curved); })
        .def_property_readonly(
            "edge_cross", [](const MapModel& o) { return column<bool>(o.edges, &MapEdge::cross); },
            "True when the edge's ends are in two different colour groups.")
        .def_readonly("arrow_colors", &MapModel::arrow_colors)
        .def_readonly("color_legend", &MapModel::color_legend)
        .def_readonly("size_legend", &MapModel::size_legend)
        .def_readonly("edge_legend", &MapModel::edge_legend)
        .def_readonly("link_types", &MapModel::link_types)
        .def_readonly("legend_box_x", &MapModel::legend_box_x)
        .def_readonly("legend_box_height", &MapModel::legend_box_height)
        .def_readonly("legend", &MapModel::legend, "The rows of the legend panel, top to bottom.")
        .def_readonly("any_dashed", &MapModel::any_dashed)
        .def_readonly("any_dotted", &MapModel::any_dotted)
        .def_readonly("labels", &MapModel::labels)
        .def_readonly("structures", &MapModel::structures)
        .def_readonly("links", &MapModel::links)
        .def_readonly("directed", &MapModel::directed, "A directed or mixed network: arcs have arrowheads.")
        .def_readonly("hollow", &MapModel::hollow, "Number of structures that did not respond.")
        .def_readonly("respondents_known", &MapModel::respondents_known, "Number of structures with a known answer.");

    m.def(
        "_map_model",
        [](const Network& net, const Positions& positions, const std::vector<std::int64_t>& color,
           std::size_t color_groups, const std::vector<double>& size, const std::string& edge_color, std::size_t labels,
           const py::object& responded, double width, double height,
           const std::map<std::string, std::string>& type_labels, const std::vector<index_t>& label_nodes, bool bridges,
           const std::map<std::string, std::string>& type_colors, const std::map<std::string, int>& type_styles,
           bool arcs) {
            MapOptions o;
            o.positions = positions_arg(net, positions);
            o.color = color;
            o.color_groups = color_groups;
            o.size = size;
            o.edge_color = edge_color;
            o.labels = labels;
            if (!responded.is_none())
                for (auto b : responded.cast<std::vector<bool>>()) o.responded.push_back(b ? 1 : 0);
            o.width = width;
            o.height = height;
            o.type_labels = type_labels;
            o.label_nodes = label_nodes;
            o.bridges = bridges;
            o.type_colors = type_colors;
            o.arcs = arcs;
            for (const auto& [code, st] : type_styles) {
                if (st < 0 || st > 2) throw input_error("type_styles: 0 solid, 1 dashed or 2 dotted");
                o.type_styles[code] = static_cast<EdgeStyle>(st);
            }
            ReleaseReading nogil(net);
            return map_model(net, o);
        },
        py::arg("net"), py::kw_only(), py::arg("positions"), py::arg("color"), py::arg("color_groups"), py::arg("size"),
        py::arg("edge_color"), py::arg("labels"), py::arg("responded"), py::arg("width"), py::arg("height"),
        py::arg("type_labels"), py::arg("label_nodes") = std::vector<index_t>{}, py::arg("bridges") = false,
        py::arg("type_colors") = std::map<std::string, std::string>{},
        py::arg("type_styles") = std::map<std::string, int>{}, py::arg("arcs") = false,
        "Internal: the map model; use coopmap.draw.");

    m.def(
        "_map_labels",
        [](const Network& net) {
            std::vector<std::string> out;
            {
                ReleaseReading nogil(net);
                out.reserve(net.number_of_structures());
                for (index_t i = 0; i < net.number_of_structures(); ++i)
                    out.push_back(detail::map_label(net.structure(i)));
            }
            return out;
        },
        py::arg("net"),
        "Internal: the label of every structure on a map (short_name, acronym or the name shortened on a word "
        "boundary), in structure order.");

    m.def(
        "_write_text",
        [](const PathArg& path, const std::string& text) {
            const auto p = path_arg(path, "path", true);
            py::gil_scoped_release nogil;
            detail::write_file_atomic(p, text);
        },
        py::arg("path"), py::arg("text"), "Internal: writes a text file atomically (temporary file, then rename).");

    m.def(
        "_group_colors",
        [](const std::vector<std::int64_t>& color, std::size_t k) {
            const auto gc = detail::group_colors(color, k);
            std::vector<std::string> per;
            for (auto g : color)
                per.push_back(g >= 0 ? gc.colors.at(static_cast<std::size_t>(g)) : std::string(detail::kNoneColor));
            return per;
        },
        py::arg("groups"), py::arg("k"), "Internal: the map colour of each structure's group.");

    m.def(
        "_partition_labels",
        [](const Network& net, const PartitionLike& partition) {
            const auto part = partition_arg(net, partition);
            py::typing::List<py::object> out;
            for (auto g : part.membership) out.append(part.labels[g]);
            return out;
        },
        py::arg("net"), py::arg("partition"), "Internal: a partition argument -> its own label per structure.");

    m.def(
        "_degree",
        [](const Network& net) {
            const auto g = simple_view(net, {Aggregate::sum, true});
            std::vector<double> d(g.n);
            for (index_t i = 0; i < g.n; ++i) d[i] = static_cast<double>(g.degree(i));
            return per_structure(net, d);
        },
        py::arg("net"), "Internal: number of distinct partners of each structure (undirected simple view).");
}


}  // namespace coopmap::py_bind
