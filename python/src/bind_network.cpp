// Bindings of coopmap/network.hpp and coopmap/io.hpp.
// (Over 600 lines: the Network class has some fifty methods, each with its docstring.)
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/detail/atomic_file.hpp"
#include "coopmap/io.hpp"

namespace coopmap::py_bind {

namespace {
std::string str_arg(const py::handle& h, const char* what);
}

std::string utf8(const py::handle& str, const std::string& what) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(str.ptr(), &size);
    if (!data) {
        PyErr_Clear();
        throw input_error(what + ": text that is not valid Unicode (a lone surrogate such as " +
                          "'\\udcff'; decode the source with the right encoding)");
    }
    return std::string(data, static_cast<std::size_t>(size));
}

Value to_value(const py::handle& obj, const std::string& what) {
    if (py::isinstance<py::bool_>(obj)) return obj.cast<bool>();
    if (py::isinstance<py::str>(obj)) return utf8(obj, what);
    if (py::isinstance<py::int_>(obj)) {
        try {
            return obj.cast<std::int64_t>();
        } catch (const py::cast_error&) {
            throw input_error(what + ": integer " + py::str(obj).cast<std::string>() + " does not fit in 64 bits");
        }
    }
    if (py::isinstance<py::float_>(obj)) return obj.cast<double>();
    // numpy scalars and other numbers: numpy.bool_, integer types (__index__), floats (__float__).
    const std::string tname = py::str(py::type::of(obj).attr("__name__"));
    if (py::hasattr(obj, "ndim") && py::int_(obj.attr("ndim")).cast<int>() != 0)
        throw input_error(what + ": unsupported value of type " + tname + " (use str, int, float or bool)");
    if (tname == "bool_" || tname == "bool") return py::bool_(py::reinterpret_borrow<py::object>(obj)).cast<bool>();
    if (py::hasattr(obj, "__index__")) return py::int_(py::reinterpret_borrow<py::object>(obj)).cast<std::int64_t>();
    if (py::hasattr(obj, "__float__") && !py::isinstance<py::sequence>(obj))
        return py::float_(py::reinterpret_borrow<py::object>(obj)).cast<double>();
    throw input_error(what + ": unsupported value of type " + tname + " (use str, int, float or bool)");
}

py::object from_value(const Value& v) {
    struct V {
        py::object operator()(bool b) const { return py::bool_(b); }
        py::object operator()(std::int64_t i) const { return py::int_(i); }
        py::object operator()(double d) const { return py::float_(d); }
        py::object operator()(const std::string& s) const { return py::str(s); }
    };
    return std::visit(V{}, v);
}

void add_attributes(py::dict& d, const Attributes& a) {
    for (const auto& [k, v] : a) d[py::str(k)] = from_value(v);
}

Attributes to_attributes(const py::dict& kwargs, const std::string& owner) {
    Attributes out;
    for (auto item : kwargs) {
        if (item.second.is_none()) continue;
        if (!py::isinstance<py::str>(item.first)) throw input_error(owner + ": attribute names must be strings");
        auto key = utf8(item.first, owner + ": attribute name");
        if (key.empty()) throw input_error(owner + ": attribute name must not be empty");
        out.insert_or_assign(key, to_value(item.second, owner + ", attribute '" + key + "'"));
    }
    return out;
}

PartitionArg partition_arg(const Network& net, const py::handle& partition) {
    const auto n = net.number_of_structures();
    constexpr auto unset = static_cast<std::uint32_t>(-1);
    PartitionArg out;
    auto& m = out.membership;
    m.assign(n, unset);
    py::object p = py::reinterpret_borrow<py::object>(partition);
    if (py::hasattr(p, "membership") && !py::isinstance<py::dict>(p)) p = p.attr("membership");
    py::module_ abc = py::module_::import("collections.abc");
    if (py::isinstance(p, abc.attr("Mapping"))) {
        std::vector<py::object> per(n);
        bool all_int = true;
        for (index_t i = 0; i < n; ++i) {
            const auto& id = net.structure(i).id;
            py::str key(id);
            if (!p.contains(key)) throw input_error("partition: structure '" + id + "' has no label");
            per[i] = p[key];
            all_int = all_int && py::isinstance<py::int_>(per[i]) && !py::isinstance<py::bool_>(per[i]);
        }
        for (auto item : p.cast<py::dict>())
            if (!py::isinstance<py::str>(item.first) || !net.find(utf8(item.first, "partition: structure id")))
                throw not_found(py::str(item.first),
                                "partition: unknown structure " + py::repr(item.first).cast<std::string>());
        py::dict index;  // label -> position in out.labels
        for (const auto& label : per)
            if (!index.contains(label)) {
                index[label] = py::int_(py::len(out.labels));
                out.labels.append(label);
            }
        if (all_int && py::len(out.labels) > 1) {
            out.labels = py::module_::import("builtins").attr("sorted")(out.labels);
            index = py::dict();
            for (std::size_t c = 0; c < py::len(out.labels); ++c) index[out.labels[c]] = py::int_(c);
        }
        for (index_t i = 0; i < n; ++i) m[i] = index[per[i]].cast<std::uint32_t>();
        return out;
    }
    if (!py::isinstance<py::sequence>(p) || py::isinstance<py::str>(p))
        throw input_error("partition must be a Mapping {id: label}, a list of communities or a Partition");
    std::uint32_t c = 0;
    for (auto community : p) {
        if (!py::isinstance<py::iterable>(community) || py::isinstance<py::str>(community))
            throw input_error("partition: each community must be a list of structure ids");
        bool empty = true;
        for (auto id : community) {
            const auto key = str_arg(id, "partition: structure id");
            const auto i = net.index_of(key);
            if (m[i] != unset) throw input_error("partition: structure '" + key + "' is in two communities");
            m[i] = c;
            empty = false;
        }
        if (empty) throw input_error("partition: community " + std::to_string(c) + " is empty");
        out.labels.append(py::int_(c));
        ++c;
    }
    for (index_t i = 0; i < n; ++i)
        if (m[i] == unset) throw input_error("partition: structure '" + net.structure(i).id + "' is in no community");
    return out;
}

std::vector<std::uint32_t> membership_arg(const Network& net, const py::handle& partition) {
    return partition_arg(net, partition).membership;
}

namespace {
std::unordered_map<const Network*, std::size_t>& readers() {
    static auto* r = new std::unordered_map<const Network*, std::size_t>();  // never destroyed: used at exit
    return *r;
}
}  // namespace

NetworkReading::NetworkReading(const Network& net) : net_(&net) { ++readers()[net_]; }

NetworkReading::~NetworkReading() {
    auto& r = readers();
    if (auto it = r.find(net_); it != r.end() && --it->second == 0) r.erase(it);
}

Network& check_writable(Network& net, const char* method) {
    if (readers().count(&net))
        throw std::runtime_error(std::string("Network.") + method +
                                 ": another thread is computing on this network; change it when that computation "
                                 "has returned, or give that thread a copy (net.copy())");
    return net;
}

long long int_arg(const py::handle& h, const std::string& what, long long min) {
    const bool numpy_bool = py::hasattr(h, "dtype") && py::str(h.attr("dtype").attr("kind")).cast<std::string>() == "b";
    if (PyBool_Check(h.ptr()) || numpy_bool || !PyIndex_Check(h.ptr()))
        throw py::type_error(what + " must be an integer, got " + py::repr(h).cast<std::string>());
    py::object v = py::reinterpret_steal<py::object>(PyNumber_Index(h.ptr()));
    if (!v) throw py::error_already_set();
    int overflow = 0;
    const long long x = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
    if (overflow) throw input_error(what + " must fit in 64 bits, got " + py::repr(h).cast<std::string>());
    if (x < min) throw input_error(what + " must be >= " + std::to_string(min) + ", got " + std::to_string(x));
    return x;
}

std::string path_arg(const py::handle& p, const char* what, bool required) {
    if (p.is_none()) {
        if (required) throw py::type_error(std::string(what) + " must be a path (str or os.PathLike), got None");
        return {};
    }
    py::object s = py::module_::import("os").attr("fspath")(p);
    if (py::isinstance<py::bytes>(s)) s = py::module_::import("os").attr("fsdecode")(s);
    if (!py::isinstance<py::str>(s)) throw input_error(std::string(what) + " must be a str or os.PathLike of str");
    auto out = utf8(s, what);
    if (out.empty()) throw input_error(std::string(what) + " must not be empty");
    if (out.find('\0') != std::string::npos) throw input_error(std::string(what) + ": path contains a NUL byte");
    return out;
}

unsigned threads_arg(int threads) {
    if (threads < 0) throw input_error("threads must be >= 0 (0 = all cores), got " + std::to_string(threads));
    return static_cast<unsigned>(threads);
}

bool weight_arg(const py::handle& weight) {
    if (weight.is_none()) return false;
    if (py::isinstance<py::str>(weight) && utf8(weight, "weight") == "weight") return true;
    throw input_error("weight must be \"weight\" (use link weights) or None (ignore them), got " +
                      py::repr(weight).cast<std::string>());
}

}  // namespace coopmap::py_bind

namespace coopmap::py_bind {
namespace {

std::string str_arg(const py::handle& h, const char* what) {
    if (!py::isinstance<py::str>(h))
        throw input_error(std::string(what) + " must be a str, got " +
                          py::str(py::type::of(h).attr("__name__")).cast<std::string>());
    return utf8(h, what);
}

/// The attributes= dict merged with the keyword attributes (keywords win).
py::dict merged_attributes(const AttrMap& attributes, const py::kwargs& kwargs) {
    py::dict out;
    if (!attributes.is_none()) {
        if (!py::isinstance<py::dict>(attributes)) throw input_error("attributes must be a dict");
        for (auto item : attributes.cast<py::dict>()) out[item.first] = item.second;
    }
    for (auto item : kwargs) out[item.first] = item.second;
    return out;
}

std::vector<std::string> aliases_arg(const py::object& o, const std::string& id) {
    std::vector<std::string> out;
    if (o.is_none()) return out;
    if (py::isinstance<py::str>(o)) {
        out.push_back(utf8(o, "structure '" + id + "': alias"));
        return out;
    }
    if (!py::isinstance<py::sequence>(o)) throw input_error("structure '" + id + "': aliases must be a list of str");
    for (auto a : o) out.push_back(str_arg(a, ("structure '" + id + "': alias").c_str()));
    return out;
}

Record structure_dict(const Structure& s, bool with_id) {
    Record d;
    if (with_id) d["id"] = s.id;
    d["name"] = s.name;
    if (!s.aliases.empty()) d["aliases"] = py::cast(s.aliases);
    add_attributes(d, s.attributes);
    return d;
}

/// Partners of a structure, each once in link order: through arcs leaving it (out),
/// arcs reaching it (in), and undirected links (either).
std::vector<std::string> partner_ids(const Network& n, const std::string& key, bool out, bool in) {
    const auto i = n.index_of(key);
    std::vector<std::string> ids;
    std::vector<char> seen(n.number_of_structures(), 0);
    for (const auto& l : n.links()) {
        const bool two_way = !n.is_directed(l);
        index_t o = UINT32_MAX;
        if (l.source == i && (out || two_way)) o = l.target;
        else if (l.target == i && (in || two_way)) o = l.source;
        if (o != UINT32_MAX && !seen[o]) {
            seen[o] = 1;
            ids.push_back(n.structure(o).id);
        }
    }
    return ids;
}

Record link_dict(const Network& net, const Link& l) {
    Record d;
    d["source"] = net.structure(l.source).id;
    d["target"] = net.structure(l.target).id;
    d["type"] = net.type_name(l);
    d["weight"] = l.weight;
    d["start"] = l.start == 0 ? py::object(py::none()) : py::object(py::str(net.start(l)));
    d["end"] = l.end == 0 ? py::object(py::none()) : py::object(py::str(net.end(l)));
    d["status"] = l.status == 0 ? py::object(py::none()) : py::object(py::str(net.status_name(l)));
    add_attributes(d, net.attributes(l));
    return d;
}

std::vector<std::string> str_list(const py::object& o, const char* what) {
    std::vector<std::string> out;
    if (o.is_none()) return out;
    if (py::isinstance<py::str>(o)) return {utf8(o, what)};
    for (auto x : o) out.push_back(str_arg(x, what));
    return out;
}

std::vector<std::pair<std::string, Value>> conditions(const py::dict& kw, const char* what) {
    std::vector<std::pair<std::string, Value>> out;
    for (auto item : kw) {
        auto key = str_arg(item.first, what);
        out.emplace_back(key, to_value(item.second, std::string(what) + " '" + key + "'"));
    }
    return out;
}

template <class T>
py::array_t<T> to_numpy(const std::vector<T>& v) {
    py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
    std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

}  // namespace

void bind_network(py::module_& m) {
    py::class_<SimpleGraph>(m, "SimpleGraph", R"doc(
A compact CSR snapshot of a network: the simple weighted view that algorithms run on.

Vertex ``i`` is the i-th structure of the network (``net.structure_ids()[i]``). Row ``u``
holds the neighbours ``indices[indptr[u]:indptr[u+1]]`` (sorted) and the aggregated
weights ``weights[indptr[u]:indptr[u+1]]``. Undirected graphs store each edge in both
rows; directed graphs store out-neighbours, and ``in_indptr``/``in_indices``/``in_weights``
the in-neighbours. No parallel edges and no self-loops. ``scipy.sparse.csr_array((weights,
indices, indptr))`` gives the weighted adjacency matrix.
)doc")
        .def_readonly("directed", &SimpleGraph::directed, "True when rows hold out-neighbours of a directed graph.")
        .def_readonly("n", &SimpleGraph::n, "Number of vertices.")
        .def_property_readonly("number_of_edges", &SimpleGraph::number_of_edges,
                               "Edges (undirected) or arcs (directed).")
        .def_property_readonly(
            "indptr", [](const SimpleGraph& g) { return to_numpy(g.offsets); },
            "Row offsets (n + 1 entries, uint64): row u is indices[indptr[u]:indptr[u+1]].")
        .def_property_readonly(
            "indices", [](const SimpleGraph& g) { return to_numpy(g.targets); },
            "Neighbour (out-neighbour when directed) vertex numbers, sorted within each row (uint32).")
        .def_property_readonly(
            "weights", [](const SimpleGraph& g) { return to_numpy(g.weights); },
            "Aggregated edge weights, aligned with indices (float64).")
        .def_property_readonly(
            "in_indptr", [](const SimpleGraph& g) { return to_numpy(g.directed ? g.in_offsets : g.offsets); },
            "Row offsets of the in-neighbour rows (same as indptr when undirected).")
        .def_property_readonly(
            "in_indices", [](const SimpleGraph& g) { return to_numpy(g.directed ? g.in_sources : g.targets); },
            "In-neighbour vertex numbers, sorted within each row (same as indices when undirected).")
        .def_property_readonly(
            "in_weights", [](const SimpleGraph& g) { return to_numpy(g.directed ? g.in_weights : g.weights); },
            "Aggregated weights aligned with in_indices.")
        .def("__repr__", [](const SimpleGraph& g) {
            return "<coopmap.SimpleGraph " + std::string(g.directed ? "directed" : "undirected") + ", " +
                   std::to_string(g.n) + " vertices, " + std::to_string(g.number_of_edges()) + " edges>";
        });

    py::class_<Network>(m, "Network", R"doc(
A cooperation network: structures (organisations) and the links between them.

Structures have a stable string id, a display ``name`` (the id when none is given),
``aliases`` (name variants, usable wherever an id is expected) and typed attributes
(str, int, float, bool). Links join two distinct structures and have a ``type`` (default
``"cooperation"``), a ``weight`` (finite, > 0; default 1), optional ISO ``start``/``end``
dates, an optional ``status`` (e.g. ``"confirmed"``, ``"unconfirmed"``) and typed
attributes. Several links may join the same pair (multiplex networks). Each link type
is directed or undirected (:meth:`set_link_type`; a type not declared takes the
network's default, ``Network(directed=...)``): an undirected link is one cooperation
seen from both ends, a directed one an arc, and a network may hold both (*mixed*, as an
inventory whose shared premises are two-way and subcontracting is not). Structures keep
their insertion order.

Example::

    net = coopmap.Network()
    net.add_structure("ies", name="IES", legal_family="association", tenancy="permanent")
    net.add_structure("bge", name="BGE", tenancy="part-time")
    net.add_link("ies", "bge", type="shared_premises", weight=2.0)
)doc")
        .def(py::init<bool>(), py::arg("directed") = false,
             "Creates an empty network; ``directed`` is the direction of link types not declared with "
             "set_link_type (undirected by default).")
        .def_property_readonly("directed", &Network::directed,
                               "True when some link is directed (a directed or mixed network); with no link, the "
                               "constructor's default.")
        .def("is_directed", &Network::directed, "True for a directed or mixed network (as networkx's is_directed).")
        .def_property_readonly("mixed", &Network::mixed, "True when undirected and directed links are held together.")
        .def_property_readonly("default_directed", &Network::default_directed,
                               "The direction of link types not declared (the constructor's ``directed``).")
        .def("number_of_arcs", &Network::number_of_arcs, "Number of directed links (arcs).")
        .def(
            "set_link_type",
            [](Network& n, const StrArg& code, const OptBool& directed, const py::kwargs& attrs) {
                check_writable(n, "set_link_type");
                std::optional<bool> d;
                if (!directed.is_none()) {
                    if (!py::isinstance<py::bool_>(directed) &&
                        py::str(directed.get_type().attr("__name__")).cast<std::string>() != "bool_")
                        throw py::type_error("directed must be True, False or None");
                    d = directed.cast<bool>();
                }
                const auto c = str_arg(code, "code");
                n.set_link_type(c, d, to_attributes(attrs, "link type " + c));
            },
            py::arg("code"), py::kw_only(), py::arg("directed") = py::none(), R"doc(
Declares a link type, or updates one: ``directed`` (None keeps the current direction,
the network's default for a new type) and descriptive attributes as keywords
(``label="Shared premises"``, ``label_fr="Locaux partagés"``, ``family="mutualisation"``...;
merged into those it has). The labels are what maps and reports show for the type, in
their language (``label_<lang>``, else ``label``, else the code). Changing the direction
of a type in use turns its links into arcs (source -> target) or into undirected links.
)doc")
        .def(
            "link_type",
            [](const Network& n, const std::string& code) {
                Record d;
                d["code"] = code;
                d["directed"] = n.type_directed(code);
                add_attributes(d, n.type_attributes(code));
                return d;
            },
            py::arg("code"),
            "The record of a link type (``code``, ``directed`` and its attributes). KeyError naming "
            "the known types when the code is unknown.")
        .def(
            "link_type_records",
            [](const Network& n) {
                Records out;
                for (std::uint32_t k = 0; k < n.type_names().size(); ++k) {
                    Record d;
                    d["code"] = n.type_names()[k];
                    d["directed"] = n.type_directed(k);
                    add_attributes(d, n.type_attributes(k));
                    out.append(d);
                }
                return out;
            },
            "Every known link type (declared or used) as a record: ``code``, ``directed`` and its attributes "
            "(``pandas.DataFrame(net.link_type_records())``).")
        .def(
            "set_graph_attribute",
            [](Network& n, const StrArg& name, const OptAttrValue& value) {
                check_writable(n, "set_graph_attribute");
                const auto key = str_arg(name, "graph attribute name");
                if (value.is_none()) n.remove_graph_attribute(key);
                else n.set_graph_attribute(key, to_value(value, "graph attribute '" + key + "'"));
            },
            py::arg("name"), py::arg("value"),
            "Sets an attribute of the network itself (networkx ``G.graph[name] = value``): dataset metadata "
            "such as ``illustrative``, ``source``, ``wave``. ``None`` removes it. Values: str, int, float, "
            "bool. Kept by filters and subnetworks, written by ``to_networkx`` into ``G.graph``; maps of a "
            "network with ``illustrative=True`` say so in their subtitle (``read_folder`` and "
            "``load_dataset`` set it from the folder's ``dataset.json``).")
        .def(
            "graph_attribute",
            [](const Network& n, const StrArg& name, const py::object& default_) -> py::object {
                const auto* v = n.graph_attribute(str_arg(name, "graph attribute name"));
                return v ? from_value(*v) : default_;
            },
            py::arg("name"), py::arg("default") = py::none(),
            "The value of a graph attribute, ``default`` when absent.")
        .def(
            "graph_attributes",
            [](const Network& n) {
                Record d;
                add_attributes(d, n.graph_attributes());
                return d;
            },
            "The graph attributes as a dict (a copy; change them with :meth:`set_graph_attribute`).")
        .def("__len__", &Network::number_of_structures, "Number of structures.")
        .def("number_of_structures", &Network::number_of_structures, "Number of structures.")
        .def("number_of_links", &Network::number_of_links,
             "Number of links (parallel links of a multiplex pair count separately).")
        .def(
            "__contains__",
            [](const Network& n, const py::object& key) {
                if (!py::isinstance<py::str>(key)) return false;
                Py_ssize_t size = 0;
                const char* data = PyUnicode_AsUTF8AndSize(key.ptr(), &size);
                if (!data) {  // not encodable: cannot be an id
                    PyErr_Clear();
                    return false;
                }
                return n.contains(std::string_view(data, static_cast<std::size_t>(size)));
            },
            py::arg("id"), "True when the key is a structure id or alias.")
        .def(
            "__iter__",
            [](const Network& n) {
                py::list ids;
                for (const auto& s : n.structures()) ids.append(s.id);
                return py::iter(ids);
            },
            "Iterates over structure ids in insertion order.")
        .def(
            "structure_ids",
            [](const Network& n) {
                std::vector<std::string> ids;
                ids.reserve(n.number_of_structures());
                for (const auto& s : n.structures()) ids.push_back(s.id);
                return ids;
            },
            "The structure ids, in insertion order.")
        .def(
            "add_structure",
            [](Network& n, const StrArg& id, const OptStr& name, const OptIds& aliases, const AttrMap& attributes,
               const py::kwargs& attrs) {
                check_writable(n, "add_structure");
                auto sid = str_arg(id, "structure id");
                std::string nm = name.is_none() ? std::string() : str_arg(name, "name");
                auto al = aliases_arg(aliases, sid);
                auto a = to_attributes(merged_attributes(attributes, attrs), "structure '" + sid + "'");
                n.add_structure(sid, nm, std::move(a), std::move(al));
            },
            py::arg("id"), py::kw_only(), py::arg("name") = py::none(), py::arg("aliases") = py::none(),
            py::arg("attributes") = py::none(), R"doc(
Adds a structure.

Parameters: ``id`` (non-empty str, unique among ids and aliases); ``name`` (display
name, defaults to the id); ``aliases`` (list of name variants, trimmed of surrounding
spaces, without ``|``); ``attributes`` (a dict, for names that are not valid keywords or
clash with a parameter, such as ``"id"``); any other keyword is a typed attribute
(str, int, float, bool; None is skipped).

Raises ValueError for an empty or duplicate id, or an alias already in use.
)doc")
        .def(
            "structure",
            [](const Network& n, const std::string& key) { return structure_dict(n.structure(key), false); },
            py::arg("id"),
            "The structure's attributes as a dict, with ``name`` (and ``aliases`` when it has any). "
            "Accepts an id or an alias. Raises KeyError for an unknown structure.")
        .def(
            "structures",
            [](const Network& n) {
                Records out;
                for (const auto& s : n.structures()) out.append(structure_dict(s, true));
                return out;
            },
            "All structures as a list of records (dicts with ``id``, ``name``, ...): "
            "``pandas.DataFrame(net.structures())``.")
        .def(
            "resolve", [](const Network& n, const std::string& key) { return n.structure(key).id; }, py::arg("key"),
            "The id of the structure with this id or alias. Raises KeyError when none.")
        .def(
            "set_attribute",
            [](Network& n, const std::string& key, const std::string& name, const OptAttrValue& value) {
                check_writable(n, "set_attribute");
                n.index_of(key);
                if (name == "name") {
                    n.set_name(key, value.is_none() ? std::string() : str_arg(value, "name"));
                    return;
                }
                if (value.is_none()) {
                    n.remove_attribute(key, name);
                    return;
                }
                n.set_attribute(key, name, to_value(value, "structure '" + key + "', attribute '" + name + "'"));
            },
            py::arg("id"), py::arg("name"), py::arg("value"),
            "Sets a structure attribute (``name`` sets the display name); None removes the attribute.")
        .def(
            "set_name",
            [](Network& n, const std::string& id, const std::string& name) {
                check_writable(n, "set_name").set_name(id, name);
            },
            py::arg("id"), py::arg("name"), "Sets the display name.")
        .def(
            "add_alias",
            [](Network& n, const std::string& id, const std::string& alias) {
                check_writable(n, "add_alias").add_alias(id, alias);
            },
            py::arg("id"), py::arg("alias"), "Adds a name variant. Raises ValueError when another structure uses it.")
        .def(
            "remove_structure",
            [](Network& n, const std::string& id) {
                return check_writable(n, "remove_structure").remove_structure(id);
            },
            py::arg("id"), "Removes a structure and its links; returns the number of links removed. O(n + m).")
        .def(
            "add_link",
            [](Network& n, const StrArg& source, const StrArg& target, const StrArg& type, double weight,
               const OptStr& start, const OptStr& end, const OptStr& status, const AttrMap& attributes,
               const py::kwargs& attrs) {
                check_writable(n, "add_link");
                const auto s = str_arg(source, "source"), t = str_arg(target, "target");
                LinkSpec spec;
                spec.type = str_arg(type, "type");
                spec.weight = weight;
                if (!start.is_none()) spec.start = str_arg(start, "start");
                if (!end.is_none()) spec.end = str_arg(end, "end");
                if (!status.is_none()) spec.status = str_arg(status, "status");
                spec.attributes = to_attributes(merged_attributes(attributes, attrs), "link " + s + " -- " + t);
                return n.add_link(s, t, std::move(spec));
            },
            py::arg("source"), py::arg("target"), py::kw_only(), py::arg("type") = "cooperation",
            py::arg("weight") = 1.0, py::arg("start") = py::none(), py::arg("end") = py::none(),
            py::arg("status") = py::none(), py::arg("attributes") = py::none(), R"doc(
Adds a link and returns its index.

``source``/``target`` are structure ids or aliases and must exist: an unknown one raises
KeyError (never a silent creation: a typo in survey data must surface). ``type`` is the
link type code; ``weight`` a finite number > 0 (ValueError otherwise); ``start``/``end``
ISO dates (YYYY, YYYY-MM or YYYY-MM-DD); ``status`` e.g. "confirmed"; ``attributes`` a
dict of attributes (for names such as ``"source"``); other keywords are typed attributes. A self-loop raises ValueError. Several links may join one pair.
)doc")
        .def(
            "remove_link",
            [](Network& n, const std::string& s, const std::string& t, const OptStr& type) {
                check_writable(n, "remove_link");
                std::optional<std::string> ty;
                if (!type.is_none()) ty = str_arg(type, "type");
                return n.remove_links(s, t, ty ? std::optional<std::string_view>(*ty) : std::nullopt);
            },
            py::arg("source"), py::arg("target"), py::arg("type") = py::none(),
            "Removes the links between two structures (of one type if given); returns how many. "
            "Raises KeyError when there is none.")
        .def(
            "has_link",
            [](const Network& n, const std::string& s, const std::string& t, const OptStr& type) {
                auto a = n.find(s), b = n.find(t);
                if (!a || !b) return false;
                for (auto k : n.links_between(*a, *b))
                    if (type.is_none() || n.type_name(n.links()[k]) == str_arg(type, "type")) return true;
                return false;
            },
            py::arg("source"), py::arg("target"), py::arg("type") = py::none(),
            "True when a link (of this type, if given) joins the two structures: either way for an undirected "
            "link, source -> target for an arc.")
        .def(
            "links",
            [](const Network& n) {
                Records out;
                for (const auto& l : n.links()) out.append(link_dict(n, l));
                return out;
            },
            "All links as records (``source``, ``target``, ``type``, ``weight``, ``start``, ``end``, ``status`` and "
            "attributes), in insertion order: ``pandas.DataFrame(net.links())``.")
        .def(
            "set_link_attribute",
            [](Network& n, std::size_t k, const std::string& name, const OptAttrValue& value) {
                check_writable(n, "set_link_attribute");
                n.set_link_attribute(k, name,
                                     to_value(value, "link " + std::to_string(k) + ", attribute '" + name + "'"));
            },
            py::arg("index"), py::arg("name"), py::arg("value"), "Sets an attribute of the link with this index.")
        .def(
            "attribute_names", [](const Network& n) { return structure_attribute_names(n); },
            "Names of the attributes some structure has, sorted.")
        .def("link_attribute_names", &Network::link_attribute_names, "Names of the attributes some link has, sorted.")
        .def("link_types", &Network::link_types, "Link type codes in use, in order of first appearance.")
        .def(
            "neighbors", [](const Network& n, const std::string& key) { return partner_ids(n, key, true, true); },
            py::arg("id"),
            "Ids of every partner of a structure, whatever the direction of the links, each once, in "
            "link order. O(m).")
        .def(
            "successors", [](const Network& n, const std::string& key) { return partner_ids(n, key, true, false); },
            py::arg("id"),
            "Ids of the structures this one has a link to: arcs it is the source of, and its "
            "undirected partners (an undirected link goes both ways). Each once. O(m).")
        .def(
            "predecessors", [](const Network& n, const std::string& key) { return partner_ids(n, key, false, true); },
            py::arg("id"),
            "Ids of the structures that have a link to this one: arcs it is the target of, and its "
            "undirected partners. Each once. O(m).")
        .def(
            "filter_links",
            [](const Network& n, const TypeFilter& type, const OptStr& status, const OptStr& active_on,
               const py::kwargs& attrs) {
                LinkFilter f;
                f.types = str_list(type, "type");
                f.statuses = str_list(status, "status");
                if (!active_on.is_none()) f.active_on = str_arg(active_on, "active_on");
                f.attributes = conditions(attrs, "link attribute");
                ReleaseReading nogil(n);
                return filter_links(n, f);
            },
            py::kw_only(), py::arg("type") = py::none(), py::arg("status") = py::none(),
            py::arg("active_on") = py::none(),
            R"doc(
A new network with every structure and only the links that match: ``type`` (a code or a
list of codes), ``status`` (one or a list), ``active_on`` (ISO date within the link's
start/end, open bounds when missing), and attribute equalities as keywords (1 == 1.0).
)doc")
        .def(
            "filter_structures",
            [](const Network& n, const OptIds& ids, const py::kwargs& attrs) {
                StructureFilter f;
                f.ids = str_list(ids, "structure id");
                f.attributes = conditions(attrs, "structure attribute");
                ReleaseReading nogil(n);
                return filter_structures(n, f);
            },
            py::arg("ids") = py::none(), R"doc(
A new network with the structures that match (``ids``: a list of ids or aliases; keywords:
attribute equalities such as ``legal_family="association"``) and the links among them.
Raises KeyError for an unknown id.
)doc")
        .def(
            "simple_view",
            [](const Network& n, const std::string& aggregate, bool undirected, bool arcs_only) {
                SimpleViewOptions o{parse_aggregate(aggregate), undirected, arcs_only};
                ReleaseReading nogil(n);
                return simple_view(n, o);
            },
            py::arg("aggregate") = "sum", py::arg("undirected") = false, py::arg("arcs_only") = false, R"doc(
The simple weighted view as a CSR snapshot (:class:`SimpleGraph`).

Parallel links of a pair merge into one edge whose weight is their ``sum`` (default),
``max``, ``min``, ``count``, or 1 (``binary``). ``undirected=True`` drops direction (a->b and
b->a merge). A directed or mixed network's view carries each two-way link as two arcs;
``arcs_only=True`` keeps the directed links alone. Complexity O(n + m log d_max).
)doc")
        .def(
            "copy", [](const Network& n) { return Network(n); }, "A deep copy.")
        .def(
            "__copy__", [](const Network& n) { return Network(n); }, "A deep copy (structures and links are values).")
        .def(
            "__deepcopy__", [](const Network& n, const py::object&) { return Network(n); }, py::arg("memo"),
            "A deep copy.")
        .def(
            "write_csv",
            [](const Network& n, const OptPath& structures, const OptPath& links, const std::string& delimiter,
               const OptPath& link_types) {
                if (delimiter.size() != 1) throw input_error("write_csv: delimiter must be one character");
                const std::string sp = path_arg(structures, "structures"), lp = path_arg(links, "links");
                CsvWriteOptions o{delimiter[0], path_arg(link_types, "link_types")};
                ReleaseReading nogil(n);
                write_csv(n, sp, lp, o);
            },
            py::kw_only(), py::arg("structures") = py::none(), py::arg("links") = py::none(),
            py::arg("delimiter") = ",", py::arg("link_types") = py::none(), R"doc(
Writes the network as CSV in the format :func:`coopmap.read_csv` reads. The round trip
is lossless (ids, names, aliases, attribute values and types, link types, weights,
dates, statuses); ``link_types`` also writes every link type (code, directed, labels),
which a mixed network needs to read back mixed. Each file is written to a unique
temporary file beside the target and renamed over it. Data are written verbatim: a
cell starting with ``=`` or ``+`` stays as it is (the report's tables, meant for
spreadsheets, neutralise such cells; this file is data for coopmap and other tools).
)doc")
        .def(
            "to_networkx",
            [](const Network& n) {
                return NxGraph(python_hook("to_networkx")(py::cast(n, py::return_value_policy::reference)));
            },
            R"doc(
The network as a networkx graph: Graph/DiGraph, or MultiGraph/MultiDiGraph when some
pair has several links. A mixed network gives a directed graph in which each undirected
link is two arcs (as networkx's ``to_directed``), with ``G.graph["mixed"] = True``. Nodes carry the structure attributes (``name``, ``aliases``,
...); edges carry ``type``, ``weight``, ``start``/``end``/``status`` when set, and link
attributes. Multigraph edge keys are the link type (a repeated type gets ``type#2``...).
:func:`coopmap.from_networkx` reads it back. Needs networkx (``pip install coopmap[networkx]``).
)doc")
        .def(
            "to_igraph",
            [](const Network& n) {
                return IgGraph(python_hook("to_igraph")(py::cast(n, py::return_value_policy::reference)));
            },
            R"doc(
The network as a python-igraph ``Graph``: vertex ``i`` is the i-th structure, with the
attribute ``name`` = its id (igraph's vertex names: ``g.vs.find(name="genies")``),
``label`` = its display name, and the structure attributes (``None`` where a structure
has none); one edge per link (parallel
links stay parallel edges) with ``type``, ``weight``, ``start``, ``end``, ``status`` and
the link attributes; the graph attributes. Directed or not as the network; a mixed
network gives a directed graph in which each undirected link is two arcs, with
``g["mixed"] = True`` (as :meth:`to_networkx`). :func:`coopmap.from_igraph` reads it back.
Needs python-igraph (``pip install coopmap[igraph]``). O(n + m).

Example: ``cm.load_dataset("karate").to_igraph().betweenness()``.
)doc")
        .def("__repr__", [](const Network& n) {
            return "<coopmap.Network " +
                   std::string(n.mixed()      ? "mixed"
                               : n.directed() ? "directed"
                                              : "undirected") +
                   ", " + std::to_string(n.number_of_structures()) + " structures, " +
                   std::to_string(n.number_of_links()) + " links>";
        });

    m.def(
        "density",
        [](const Network& net) {
            ReleaseReading nogil(net);
            return density(net);
        },
        py::arg("net"), R"doc(
Density: the arcs of the simple view over the n(n-1) ordered pairs, so 2 pairs / n(n-1)
for an undirected network and arcs / n(n-1) for a directed one (``networkx.density``);
a mixed network gives the density of its directed view (a two-way link is two arcs, as
networkx on ``to_directed()``), its undirected density when every link is two-way.
Parallel links count once. NaN when there are fewer than 2 structures. O(n + m log d).
)doc");
    m.def(
        "_require_attribute",
        [](const Network& net, const std::string& name, const std::string& what) {
            require_structure_attribute(net, name, what);
        },
        py::arg("net"), py::arg("name"), py::arg("what"),
        "ValueError naming `name` and the known attribute names, closest first, when no structure has it.");
    m.def(
        "_read_responses",
        [](const Network& net, const PathArg& path) {
            const std::string p = path_arg(path, "path", true);
            std::vector<std::pair<index_t, std::string>> rows;
            {
                ReleaseReading nogil(net);
                rows = read_responses(net, p);
            }
            IdMap<py::str> out;
            for (const auto& [i, status] : rows) out[py::str(net.structure(i).id)] = status;
            return out;
        },
        py::arg("net"), py::arg("path"),
        "{id: status} of a responses file, by the Inventory's rules (coopmap.CsvError naming file, line, column).");
    m.def(
        "_known_words",
        [](const std::string& word, const std::vector<std::string>& known) { return detail::known_words(word, known); },
        py::arg("word"), py::arg("known"),
        "' (known: w1, w2, ...)' listing the known words closest to `word` first (the tail of a typo message).");
    m.def(
        "_read_csv",
        [](const OptPath& structures, const OptPath& links, bool directed, const std::string& delimiter,
           const OptPath& link_types) {
            if (delimiter.size() > 1) throw input_error("read_csv: delimiter must be one character");
            CsvReadOptions o{directed, delimiter.empty() ? '\0' : delimiter[0], path_arg(link_types, "link_types")};
            const std::string sp = path_arg(structures, "structures", true), lp = path_arg(links, "links");
            py::gil_scoped_release nogil;
            return read_csv(sp, lp, o);
        },
        py::arg("structures"), py::arg("links") = py::none(), py::arg("directed") = false, py::arg("delimiter") = "",
        py::arg("link_types") = py::none());
}

}  // namespace coopmap::py_bind
