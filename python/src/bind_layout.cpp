// Bindings of coopmap/layout.hpp (the public wrapper is coopmap.maps.layout).
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "coopmap/layout.hpp"

namespace coopmap::py_bind {

namespace {
IdMap<py::typing::Tuple<py::float_, py::float_>> positions_dict(const Network& net, const Layout& l) {
    IdMap<py::typing::Tuple<py::float_, py::float_>> d;
    for (index_t i = 0; i < net.number_of_structures(); ++i)
        d[py::str(net.structure(i).id)] = py::make_tuple(l.x[i], l.y[i]);
    return d;
}
}  // namespace

/// Mapping {id: (x, y)} -> Layout; every structure must have a finite position.
Layout positions_arg(const Network& net, const py::handle& obj) {
    Layout l;
    const auto n = net.number_of_structures();
    l.x.resize(n);
    l.y.resize(n);
    py::module_ abc = py::module_::import("collections.abc");
    if (!py::isinstance(obj, abc.attr("Mapping"))) throw input_error("positions: expected a Mapping {id: (x, y)}");
    for (index_t i = 0; i < n; ++i) {
        const auto& id = net.structure(i).id;
        py::str key(id);
        if (!obj.contains(key)) throw input_error("positions: structure '" + id + "' has no position");
        py::sequence p = py::reinterpret_borrow<py::object>(obj[key]);
        if (py::len(p) < 2) throw input_error("positions: structure '" + id + "': expected (x, y)");
        l.x[i] = p[0].cast<double>();
        l.y[i] = p[1].cast<double>();
        if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i]))
            throw input_error("positions: structure '" + id + "' has a non-finite position");
    }
    return l;
}

void bind_layout(py::module_& m) {
    m.def(
        "_layout",
        [](const Network& net, const std::string& method, std::uint64_t seed, std::size_t iterations, bool weighted,
           double padding, bool linlog, double gravity, bool strong_gravity, double scaling, bool dissuade_hubs,
           double edge_weight_influence, double jitter_tolerance, int barnes_hut, double theta, int multilevel,
           int threads, const std::string& latitude, const std::string& longitude, const std::string& projection) {
            LayoutOptions o;
            o.seed = seed;
            o.iterations = iterations;
            o.weighted = weighted;
            o.padding = padding;
            o.linlog = linlog;
            o.gravity = gravity;
            o.strong_gravity = strong_gravity;
            o.scaling = scaling;
            o.dissuade_hubs = dissuade_hubs;
            o.edge_weight_influence = edge_weight_influence;
            o.jitter_tolerance = jitter_tolerance;
            o.barnes_hut = barnes_hut;
            o.theta = theta;
            o.multilevel = multilevel;
            o.threads = threads_arg(threads);
            o.latitude = latitude;
            o.longitude = longitude;
            if (projection == "equirectangular") o.projection = Projection::equirectangular;
            else if (projection == "mercator") o.projection = Projection::mercator;
            else throw input_error("projection: expected 'equirectangular' or 'mercator', got '" + projection + "'");
            Layout l;
            {
                ReleaseReading nogil(net);
                l = layout(net, method, o);
            }
            return positions_dict(net, l);
        },
        py::arg("net"), py::arg("method"), py::arg("seed"), py::arg("iterations"), py::arg("weighted"),
        py::arg("padding"), py::arg("linlog"), py::arg("gravity"), py::arg("strong_gravity"), py::arg("scaling"),
        py::arg("dissuade_hubs"), py::arg("edge_weight_influence"), py::arg("jitter_tolerance"), py::arg("barnes_hut"),
        py::arg("theta"), py::arg("multilevel"), py::arg("threads"), py::arg("latitude"), py::arg("longitude"),
        py::arg("projection"), "Internal: use coopmap.layout.");
}


}  // namespace coopmap::py_bind
