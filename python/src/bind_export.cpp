// Bindings of coopmap/export.hpp (the public wrappers are in coopmap.maps).
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/export.hpp"

namespace coopmap::py_bind {

void bind_export(py::module_& m) {
    m.def(
        "_export",
        [](const Network& net, const std::string& format, const PathArg& path, const OptPositions& positions,
           const std::vector<std::string>& colors, const std::vector<double>& sizes) -> py::object {
            ExportOptions o;
            if (!positions.is_none()) o.positions = positions_arg(net, positions);
            o.colors = colors;
            o.sizes = sizes;
            std::string text;
            {
                ReleaseReading nogil(net);
                if (format == "gexf") text = to_gexf(net, o);
                else if (format == "graphml") text = to_graphml(net);
                else if (format == "json") text = to_json(net);
                else if (format == "dot") text = to_dot(net, o);
                else if (format == "pajek") text = to_pajek(net, o);
                else throw input_error("format: unknown export format '" + format + "'");
            }
            if (path.is_none()) return py::str(text);
            const auto p = path_arg(path, "path", true);
            {
                ReleaseReading nogil(net);
                detail::write_file_atomic(p, text);
            }
            return py::none();
        },
        py::arg("net"), py::arg("format"), py::arg("path"), py::arg("positions"), py::arg("colors"), py::arg("sizes"),
        "Internal: use coopmap.write_gexf, write_graphml, write_json, write_dot, write_pajek.");
}


}  // namespace coopmap::py_bind
