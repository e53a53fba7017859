// Bindings of coopmap/render.hpp (the public wrapper is coopmap.maps.draw).
#include <pybind11/stl.h>

#include <algorithm>
#include <map>

#include "bindings.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/render.hpp"

namespace coopmap::py_bind {

void bind_render(py::module_& m) {
    m.def("_render_map", [](const Network& net, const py::object& path, const std::string& format,
                            const py::object& positions, const std::vector<std::int64_t>& color,
                            const std::vector<std::string>& color_labels, const std::string& color_title,
                            const std::vector<double>& size, const std::string& size_title,
                            const std::string& edge_color, std::size_t labels, const py::object& responded,
                            const std::string& title, const std::string& subtitle, const std::string& wave,
                            const std::string& view, double width, double height,
                            const std::vector<std::pair<std::string, std::vector<double>>>& measures,
                            const std::map<std::string, std::string>& texts,
                            const std::map<std::string, std::string>& type_labels) -> py::object {
        MapOptions o;
        o.type_labels = type_labels;
        auto& t = o.texts;
        const std::pair<const char*, std::string*> fields[] = {
            {"lang", &t.lang}, {"untitled", &t.untitled}, {"wave", &t.wave}, {"view", &t.view},
            {"structures", &t.structures}, {"links", &t.links}, {"response_rate", &t.response_rate},
            {"percent", &t.percent}, {"colon", &t.colon}, {"colour", &t.colour}, {"size", &t.size},
            {"measure", &t.measure}, {"link_status", &t.link_status}, {"no_status", &t.no_status},
            {"unconfirmed", &t.unconfirmed}, {"partner_did_not_respond", &t.partner_did_not_respond},
            {"did_not_respond", &t.did_not_respond}, {"other", &t.other},
            {"groups", &t.groups}, {"no_value", &t.no_value}, {"search", &t.search},
            {"search_label", &t.search_label}, {"reset", &t.reset}, {"no_match", &t.no_match},
            {"matches", &t.matches}, {"id", &t.id}, {"aliases", &t.aliases}, {"group", &t.group},
            {"partners", &t.partners}, {"survey", &t.survey}};
        for (const auto& [key, value] : texts) {
            if (key == "decimal_point") {
                if (value.size() != 1) throw input_error("texts: decimal_point must be one character");
                t.decimal_point = value[0];
                continue;
            }
            auto f = std::find_if(std::begin(fields), std::end(fields), [&](const auto& x) { return key == x.first; });
            if (f == std::end(fields)) throw input_error("texts: unknown map text '" + key + "'");
            *f->second = value;
        }
        o.positions = positions_arg(net, positions);
        o.color = color;
        o.color_labels = color_labels;
        o.color_title = color_title;
        o.size = size;
        o.size_title = size_title;
        o.edge_color = edge_color;
        o.labels = labels;
        if (!responded.is_none())
            for (auto b : responded.cast<std::vector<bool>>()) o.responded.push_back(b ? 1 : 0);
        o.title = title;
        o.subtitle = subtitle;
        o.wave = wave;
        o.view = view;
        o.width = width;
        o.height = height;
        o.measures = measures;
        if (format != "svg" && format != "html") throw input_error("format: expected 'svg' or 'html'");
        if (path.is_none()) {
            std::string text;
            {
                ReleaseReading nogil(net);
                text = format == "svg" ? render_svg(net, o) : render_html(net, o);
            }
            return py::str(text);
        }
        const auto p = path_arg(path, "path", true);
        {
            ReleaseReading nogil(net);
            detail::write_file_atomic(p, format == "svg" ? render_svg(net, o) : render_html(net, o));
        }
        return py::none();
    }, "Internal: use coopmap.draw.");

    m.def("_group_colors", [](const std::vector<std::int64_t>& color, std::size_t k) {
        const auto gc = detail::group_colors(color, k);
        std::vector<std::string> per;
        for (auto g : color)
            per.push_back(g >= 0 ? gc.colors.at(static_cast<std::size_t>(g)) : std::string(detail::kNoneColor));
        return per;
    }, py::arg("groups"), py::arg("k"), "Internal: the map colour of each structure's group.");

    m.def("_partition_labels", [](const Network& net, const py::object& partition) {
        const auto part = partition_arg(net, partition);
        py::list out;
        for (auto g : part.membership) out.append(part.labels[g]);
        return out;
    }, py::arg("net"), py::arg("partition"), "Internal: a partition argument -> its own label per structure.");

    m.def("_degree", [](const Network& net) {
        const auto g = simple_view(net, {Aggregate::sum, true});
        std::vector<double> d(g.n);
        for (index_t i = 0; i < g.n; ++i) d[i] = static_cast<double>(g.degree(i));
        return per_structure(net, d);
    }, py::arg("net"), "Internal: number of distinct partners of each structure (undirected simple view).");
}


}  // namespace coopmap::py_bind
