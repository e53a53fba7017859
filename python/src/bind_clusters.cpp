// Bindings of coopmap/clusters.hpp.
#include <pybind11/stl.h>

#include <memory>
#include <sstream>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/clusters.hpp"

namespace coopmap::py_bind {
namespace {

/// A Partition with the structure ids it refers to; the dict and lists are built on
/// first access and cached.
struct PyPartition {
    Partition p;
    std::shared_ptr<const std::vector<std::string>> ids;
    std::string objective;
    py::object membership_cache, communities_cache;

    py::object label(std::uint32_t c) const {
        return p.labels.empty() ? py::object(py::int_(c)) : from_value(p.labels[c]);
    }
    IdMap<py::object> membership() {
        if (!membership_cache) {
            py::dict d;
            std::vector<py::object> lab(p.count);
            for (std::uint32_t c = 0; c < p.count; ++c) lab[c] = label(c);
            for (std::size_t i = 0; i < p.membership.size(); ++i) d[py::str((*ids)[i])] = lab[p.membership[i]];
            membership_cache = std::move(d);
        }
        return py::reinterpret_borrow<IdMap<py::object>>(membership_cache);
    }
    py::typing::List<StrList> communities() {
        if (!communities_cache) {
            std::vector<py::list> out(p.count);
            for (auto& l : out) l = py::list();
            for (std::size_t i = 0; i < p.membership.size(); ++i) out[p.membership[i]].append(py::str((*ids)[i]));
            py::list res;
            for (auto& l : out) res.append(l);
            communities_cache = std::move(res);
        }
        return py::reinterpret_borrow<py::typing::List<StrList>>(communities_cache);
    }
};

std::shared_ptr<const std::vector<std::string>> ids_of(const Network& net) {
    auto v = std::make_shared<std::vector<std::string>>();
    v->reserve(net.number_of_structures());
    for (const auto& s : net.structures()) v->push_back(s.id);
    return v;
}

PyPartition wrap(Partition p, const Network& net, std::string objective = "modularity") {
    PyPartition r;
    r.p = std::move(p);
    r.ids = ids_of(net);
    r.objective = std::move(objective);
    return r;
}

std::uint64_t seed_arg(const OptInt& seed) {
    // an int (or numpy integer) from 0 to 2^63 - 1
    return static_cast<std::uint64_t>(int_arg(seed, "seed", 0));
}

std::size_t restarts_arg(const py::object& r) {
    if (r.is_none()) return 0;
    return static_cast<std::size_t>(int_arg(r, "restarts", 1));
}

/// A partition object (Partition, Mapping or communities) -> dict {id: label}.
py::dict as_mapping(const py::handle& obj, const char* what) {
    py::object p = py::reinterpret_borrow<py::object>(obj);
    py::module_ abc = py::module_::import("collections.abc");
    if (py::hasattr(p, "membership") && !py::isinstance(p, abc.attr("Mapping"))) p = p.attr("membership");
    if (py::isinstance(p, abc.attr("Mapping"))) return py::dict(p);
    if (!py::isinstance<py::sequence>(p) || py::isinstance<py::str>(p))
        throw input_error(std::string(what) + " must be a Partition, a Mapping {id: label} or a list of communities");
    py::dict d;
    std::size_t k = 0;
    for (auto community : p) {
        if (!py::isinstance<py::iterable>(community) || py::isinstance<py::str>(community))
            throw input_error(std::string(what) + ": each community must be a list of ids");
        for (auto id : community) {
            if (d.contains(id))
                throw input_error(std::string(what) + ": " + py::repr(id).cast<std::string>() +
                                  " is in two communities");
            d[id] = py::int_(k);
        }
        ++k;
    }
    return d;
}

std::vector<std::uint32_t> encode(const py::dict& labels_of, const py::list& keys) {
    py::dict code;
    std::vector<std::uint32_t> out;
    out.reserve(keys.size());
    for (auto key : keys) {
        py::object label = labels_of[key];
        if (!code.contains(label)) code[label] = py::int_(code.size());
        out.push_back(code[label].cast<std::uint32_t>());
    }
    return out;
}

Objective objective_arg(const std::string& s) {
    if (s == "modularity") return Objective::modularity;
    if (s == "cpm" || s == "CPM") return Objective::cpm;
    throw input_error("objective must be \"modularity\" or \"cpm\", got \"" + s + "\"");
}

}  // namespace

void bind_clusters(py::module_& m) {
    py::class_<PyPartition>(m, "Partition", R"doc(
A partition of the structures into clusters (result of :func:`louvain`, :func:`leiden`,
:func:`label_propagation`, :func:`partition_by`).

``membership``: Mapping {structure id: cluster}; clusters are ints numbered 0.. by
decreasing size (ties: the cluster holding the earliest structure first), or the
attribute values for :func:`partition_by`. ``communities``: lists of ids, largest first
(``communities[c]`` is cluster ``c``). ``modularity``: Q of this partition on the same
weighted undirected view at ``resolution`` (at resolution 1 for the CPM objective; NaN
without links). ``quality``: the optimised objective (Q, or the CPM quality).

Example::

    p = coopmap.louvain(net, seed=0)
    p.membership["ies"], p.communities[0], p.modularity
    pandas.DataFrame(p.records())
)doc")
        .def_property_readonly("membership", &PyPartition::membership, "Mapping {structure id: cluster label}.")
        .def_property_readonly("communities", &PyPartition::communities,
                               "The clusters as lists of structure ids (structure order), largest first.")
        .def_property_readonly(
            "modularity", [](const PyPartition& r) { return r.p.modularity; },
            "Modularity Q of the partition (NaN when the view has no link).")
        .def_property_readonly(
            "quality", [](const PyPartition& r) { return r.p.quality; },
            "Value of the optimised objective (Q; CPM quality for objective='cpm').")
        .def_property_readonly(
            "resolution", [](const PyPartition& r) { return r.p.resolution; }, "Resolution gamma.")
        .def_property_readonly(
            "seed", [](const PyPartition& r) { return r.p.seed; }, "The seed used.")
        .def_property_readonly(
            "objective", [](const PyPartition& r) { return r.objective; }, "\"modularity\" or \"cpm\".")
        .def_property_readonly(
            "algorithm", [](const PyPartition& r) { return r.p.algorithm; },
            "louvain, leiden, label_propagation or attribute.")
        .def_property_readonly(
            "levels", [](const PyPartition& r) { return r.p.levels; },
            "Levels of the last multilevel pass (Louvain/Leiden), sweeps (label propagation).")
        .def_property_readonly(
            "iterations", [](const PyPartition& r) { return r.p.iterations; },
            "Passes of the whole algorithm (Louvain/Leiden).")
        .def_property_readonly(
            "sizes", [](const PyPartition& r) { return r.p.sizes(); }, "Cluster sizes, largest first.")
        .def(
            "__len__", [](const PyPartition& r) { return r.p.count; }, "Number of clusters.")
        .def(
            "__iter__", [](PyPartition& r) { return py::iter(r.communities()); },
            "Iterates over the clusters (lists of ids), largest first, like igraph's VertexClustering.")
        .def(
            "__getitem__",
            [](PyPartition& r, std::size_t k) {
                if (k >= r.p.count) throw py::index_error("cluster " + std::to_string(k) + " out of range");
                return py::reinterpret_borrow<StrList>(r.communities()[py::int_(k)]);
            },
            py::arg("k"), "The ids of cluster k.")
        .def(
            "records",
            [](PyPartition& r) {
                Records out;
                std::vector<py::object> lab(r.p.count);
                for (std::uint32_t c = 0; c < r.p.count; ++c) lab[c] = r.label(c);
                for (std::size_t i = 0; i < r.p.membership.size(); ++i) {
                    Record d;
                    d["id"] = (*r.ids)[i];
                    d["cluster"] = lab[r.p.membership[i]];
                    out.append(d);
                }
                return out;
            },
            "One record per structure: ``{\"id\", \"cluster\"}`` (``pandas.DataFrame(p.records())``).")
        .def("__repr__", [](const PyPartition& r) {
            std::ostringstream s;
            s << "<coopmap.Partition " << r.p.algorithm << ": " << r.p.count << " clusters, modularity "
              << format_double(r.p.modularity) << ", resolution " << format_double(r.p.resolution) << ">";
            return s.str();
        });

    py::class_<PartitionComparison>(m, "PartitionComparison", R"doc(
Agreement of two partitions (:func:`compare_partitions`): ``nmi`` (normalised mutual
information, arithmetic normalisation = scikit-learn's ``normalized_mutual_info_score``),
``ari`` (adjusted Rand index = ``adjusted_rand_score``), ``vi`` (variation of
information, natural log), ``n`` (number of structures).
)doc")
        .def_readonly("nmi", &PartitionComparison::nmi, "Normalised mutual information in [0, 1].")
        .def_readonly("ari", &PartitionComparison::ari, "Adjusted Rand index (1 = identical, ~0 = chance).")
        .def_readonly("vi", &PartitionComparison::vi, "Variation of information H(a) + H(b) - 2 MI (nats).")
        .def_readonly("n", &PartitionComparison::n, "Number of structures compared.")
        .def("__repr__", [](const PartitionComparison& c) {
            return "<coopmap.PartitionComparison nmi=" + format_double(c.nmi) + " ari=" + format_double(c.ari) +
                   " vi=" + format_double(c.vi) + " n=" + std::to_string(c.n) + ">";
        });

    m.def(
        "louvain",
        [](const Network& net, double resolution, const OptInt& seed, const OptStr& weight, int n_iterations,
           const OptInt& restarts, double tolerance, int threads) {
            LouvainOptions o;
            o.threads = threads_arg(threads);
            o.restarts = restarts_arg(restarts);
            o.tolerance = tolerance;
            o.resolution = resolution;
            o.seed = seed_arg(seed);
            o.weighted = weight_arg(weight);
            o.n_iterations = n_iterations;
            Partition p;
            {
                ReleaseReading nogil(net);
                p = louvain(net, o);
            }
            return wrap(std::move(p), net);
        },
        py::arg("net"), py::arg("resolution") = 1.0, py::arg("seed") = 0, py::arg("weight") = "weight",
        py::arg("n_iterations") = -1, py::arg("restarts") = py::none(),
        py::arg("tolerance") = LouvainOptions{}.tolerance, py::arg("threads") = 0,
        R"doc(
Louvain modularity optimisation (Blondel et al. 2008). Returns a :class:`Partition`.

Parameters: ``resolution`` gamma >= 0 (networkx/igraph convention: larger gamma, smaller
clusters); ``seed`` (int; the same seed gives the same partition on every platform);
``weight`` ``"weight"`` (link weights, summed over parallel links) or None (every
connected pair counts 1); ``n_iterations`` passes of the whole algorithm, each starting
from the previous result (-1: repeat until a pass raises Q by at most ``tolerance`` x
|Q|, at most 100 passes); ``restarts`` independent seeded runs of which the best Q is
kept (None: automatic, as many as fit in a fixed work budget: min(100, max(1, 1e5 /
(n + 2m))), i.e. 100 runs up to ~500 links, 10 at ~5,000 links, 1 from ~50,000 links;
and no new run once the runs so far made 2e6 steps of iterations x (n + 2m));
``tolerance`` relative gain under which the passes stop (0: until a pass improves
nothing); ``threads`` worker threads (0 = all cores): the same partition for a seed on
any number of threads (networks under 2^17 structures + 2 x links run on one thread).

Maximises Q = sum_c [L_c / m - gamma (K_c / 2m)^2] on the undirected simple view:
nodes (in seeded random queue order) move to the neighbouring cluster of largest gain
w(v, D) - gamma k_v K_D / 2m until no move improves Q, then clusters are aggregated
into nodes, level after level. On levels of at least 32,768 nodes the queue starts as a
random order of runs of 64 consecutive nodes; nodes queued again form the next round,
in the first round's order; a round is taken in batches of 2,048 nodes whose
moves are decided in parallel against the state at the start of the batch, then applied
in queue order, a node with a neighbour moved earlier in the batch deciding again: the
result depends on the seed, never on the number of threads. Directed networks are
symmetrised (weights of a->b and b->a summed). Isolates stay singletons; a network without links gives singletons and
modularity NaN. Complexity about O(m) per level; memory O(n + m).

References: Blondel, Guillaume, Lambiotte & Lefebvre (2008), J. Stat. Mech. P10008;
Newman (2006), PNAS 103:8577.

Example::

    p = coopmap.louvain(coopmap.load_dataset("karate"), seed=0)
    len(p), round(p.modularity, 3)
)doc");

    m.def(
        "leiden",
        [](const Network& net, double resolution, const OptInt& seed, const OptStr& weight,
           const std::string& objective, int n_iterations, double beta, const OptPartitionLike& initial_membership,
           const OptInt& restarts, double tolerance, int threads) {
            LeidenOptions o;
            o.threads = threads_arg(threads);
            o.restarts = restarts_arg(restarts);
            o.tolerance = tolerance;
            o.resolution = resolution;
            o.seed = seed_arg(seed);
            o.weighted = weight_arg(weight);
            o.objective = objective_arg(objective);
            o.n_iterations = n_iterations;
            o.beta = beta;
            if (!initial_membership.is_none()) o.initial_membership = membership_arg(net, initial_membership);
            Partition p;
            {
                ReleaseReading nogil(net);
                p = leiden(net, o);
            }
            return wrap(std::move(p), net, o.objective == Objective::cpm ? "cpm" : "modularity");
        },
        py::arg("net"), py::arg("resolution") = 1.0, py::arg("seed") = 0, py::arg("weight") = "weight",
        py::arg("objective") = "modularity", py::arg("n_iterations") = -1, py::arg("beta") = 0.01,
        py::arg("initial_membership") = py::none(), py::arg("restarts") = py::none(),
        py::arg("tolerance") = LeidenOptions{}.tolerance, py::arg("threads") = 0, R"doc(
Leiden algorithm (Traag, Waltman & van Eck 2019). Returns a :class:`Partition` whose
clusters are all connected.

Parameters: ``resolution`` gamma >= 0; ``seed``; ``weight`` ``"weight"`` or None;
``objective`` ``"modularity"`` (Q with resolution gamma) or ``"cpm"`` (constant Potts
model sum_c [e_c - gamma n_c (n_c - 1) / 2], node weights 1 like leidenalg's
CPMVertexPartition); ``n_iterations`` (-1: iterate until an iteration changes nothing
or raises the quality by at most ``tolerance`` x |quality|, at most 100; igraph's
default is 2 iterations); ``beta`` randomness of the refinement (igraph's beta; 0 =
greedy); ``initial_membership`` a starting partition (Partition, Mapping or
communities); ``restarts`` independent seeded runs, the best quality kept (None:
automatic, as :func:`louvain`); ``tolerance`` relative gain under which the iterations
stop (default 1e-3: 3-4 iterations on sparse networks of 10^4-10^6 links; 0: until an
iteration changes nothing, like leidenalg's n_iterations=-1); ``threads`` worker threads
(0 = all cores; the same partition for a seed on any number of threads).

Each level: fast local moving (queue of nodes in seeded random order), refinement of
every cluster from singletons (a node joins a well-connected refined cluster with gain
>= 0 with probability ~ exp(gain / beta)), aggregation of the refined clusters with the
unrefined ones as the next level's start. Local moving as :func:`louvain` (batches on
large levels); each cluster is refined with its own random stream, so that clusters are
refined in parallel with the same result on any number of threads. Directed networks are symmetrised; isolates
stay singletons. ``quality`` is the objective value, ``modularity`` the Q (at gamma 1 for
CPM). Complexity about O(m) per level and iteration.

Reference: Traag, Waltman & van Eck (2019), Sci. Rep. 9:5233.

Example::

    p = coopmap.leiden(net, resolution=1.0, seed=0)
    q = coopmap.leiden(net, objective="cpm", resolution=0.05)
)doc");

    m.def(
        "modularity",
        [](const Network& net, const PartitionLike& membership_or_communities, double resolution,
           const OptStr& weight) {
            auto memb = membership_arg(net, membership_or_communities);
            const bool w = weight_arg(weight);
            ReleaseReading nogil(net);
            return modularity(net, memb, {resolution, w});
        },
        py::arg("net"), py::arg("membership_or_communities"), py::arg("resolution") = 1.0, py::arg("weight") = "weight",
        R"doc(
Modularity of any partition (Newman 2006):
Q = sum_c [L_c / m - gamma (K_c / 2m)^2], L_c the link weight inside cluster c, K_c the
summed strengths of its structures, m the total weight.

``membership_or_communities``: a :class:`Partition`, a Mapping {id: label} covering every
structure, or a
list of communities (each structure exactly once). Equals
``networkx.community.modularity(G, communities, weight=..., resolution=...)`` on the
undirected simple view: parallel links summed; a directed network is symmetrised (a->b
and b->a summed into one edge), i.e. it is NOT networkx's directed modularity.
No link: NaN. Complexity O(n + m).

Example::

    coopmap.modularity(net, coopmap.partition_by(net, "tenancy", missing="none"))
)doc");

    m.def(
        "components",
        [](const Network& net, bool strong) {
            Partition p;
            {
                ReleaseReading nogil(net);
                p = components(net, {strong});
            }
            return wrap(std::move(p), net).communities();
        },
        py::arg("net"), py::arg("strong") = false, R"doc(
Connected components as lists of structure ids, largest first (ties: the component with
the earliest structure first); ids in structure order. Default: weak components
(direction dropped). ``strong=True``: strongly connected components of a directed
network (Tarjan, Boost.Graph); on an undirected network the same as the components.
Isolates are components of one structure. Complexity O(n + m).

Example::

    biggest = coopmap.components(net)[0]
    coopmap.components(directed_net, strong=True)
)doc");

    m.def(
        "label_propagation",
        [](const Network& net, const OptInt& seed, const OptStr& weight) {
            LabelPropagationOptions o;
            o.seed = seed_arg(seed);
            o.weighted = weight_arg(weight);
            Partition p;
            {
                ReleaseReading nogil(net);
                p = label_propagation(net, o);
            }
            return wrap(std::move(p), net);
        },
        py::arg("net"), py::arg("seed") = 0, py::arg("weight") = "weight", R"doc(
Asynchronous label propagation (Raghavan, Albert & Kumara 2007). Returns a
:class:`Partition`.

Every structure starts with its own label; in each sweep (seeded random order) a
structure adopts the label with the largest total link weight among its partners
(keeping its own when tied for best, else a seeded uniform choice among the tied
labels). Stops after a sweep without change (at most 1000 sweeps). A label shared by
disconnected groups is split so that every cluster is connected. Isolates are
singletons. Complexity O(m) per sweep. Fast, but of lower modularity than Louvain.

Example::

    p = coopmap.label_propagation(net, seed=0)
    p.communities[0], p.modularity
)doc");

    m.def(
        "core_number",
        [](const Network& net) {
            std::vector<std::uint32_t> c;
            {
                ReleaseReading nogil(net);
                c = core_number(net);
            }
            return per_structure(net, c);
        },
        py::arg("net"), R"doc(
k-core number of every structure (dict {id: k}): the largest k such that the structure
lies in a subgraph where every structure has at least k partners (Batagelj & Zaversnik
2003, Boost.Graph). On the undirected simple view: equals ``networkx.core_number`` of the
undirected simple graph. Isolates: 0. Complexity O(m log n).

Example::

    cores = coopmap.core_number(net)
    inner = [i for i, k in cores.items() if k == max(cores.values())]
)doc");

    m.def(
        "cliques",
        [](const Network& net, std::size_t min_size) {
            std::vector<std::vector<index_t>> cl;
            {
                ReleaseReading nogil(net);
                cl = cliques(net, {min_size});
            }
            py::typing::List<StrList> out;
            for (const auto& c : cl) {
                StrList l;
                for (auto i : c) l.append(net.structure(i).id);
                out.append(l);
            }
            return out;
        },
        py::arg("net"), py::arg("min_size") = 3, R"doc(
Maximal cliques with at least ``min_size`` structures (Bron & Kerbosch 1973, Boost.Graph),
as lists of ids (structure order), largest first. On the undirected simple view; the
same cliques as ``networkx.find_cliques`` (filtered by size). Isolates are cliques of size
1 (min_size=1). Complexity exponential in the worst case, fast on sparse networks.

Example::

    coopmap.cliques(net, min_size=4)   # groups of 4+ structures all cooperating pairwise
)doc");

    m.def(
        "compare_partitions",
        [](const PartitionLike& a, const PartitionLike& b) {
            py::dict da = as_mapping(a, "a"), db = as_mapping(b, "b");
            py::list keys;
            for (auto item : da) {
                if (!db.contains(item.first))
                    throw input_error("compare_partitions: " + py::repr(item.first).cast<std::string>() +
                                      " is in a but not in b");
                keys.append(item.first);
            }
            if (db.size() != da.size()) {
                for (auto item : db)
                    if (!da.contains(item.first))
                        throw input_error("compare_partitions: " + py::repr(item.first).cast<std::string>() +
                                          " is in b but not in a");
            }
            auto x = encode(da, keys), y = encode(db, keys);
            return compare_partitions(x, y);
        },
        py::arg("a"), py::arg("b"), R"doc(
NMI and adjusted Rand index between two partitions of the same structures (a
:class:`PartitionComparison`). ``a``/``b``: Partition, Mapping {id: label} or lists of
communities; they must cover the same ids (ValueError naming the first missing id).

NMI = MI(a, b) / ((H(a) + H(b)) / 2) = scikit-learn's ``normalized_mutual_info_score``
(arithmetic); ARI = scikit-learn's ``adjusted_rand_score`` (Hubert & Arabie 1985);
VI = H(a) + H(b) - 2 MI (Meila 2007). Both partitions with one cluster: NMI = 1.
Complexity O(n log n).

Example::

    coopmap.compare_partitions(coopmap.louvain(net), coopmap.partition_by(net, "tenancy", missing="none")).nmi
)doc");

    m.def(
        "partition_by",
        [](const Network& net, const std::string& attribute, double resolution, const OptStr& weight,
           const OptAttrValue& missing) {
            PartitionByOptions o{resolution, weight_arg(weight), std::nullopt};
            if (!missing.is_none()) o.missing = to_value(missing, "missing");
            return wrap(partition_by(net, attribute, o), net);
        },
        py::arg("net"), py::arg("attribute"), py::arg("resolution") = 1.0, py::arg("weight") = "weight",
        py::arg("missing") = py::none(), R"doc(
The formal groups as a :class:`Partition`: structures grouped by the value of an
attribute (``"name"`` groups by display name; 1 == 1.0). ``membership`` maps each id to
its attribute value, ``communities`` lists the groups largest first, ``modularity`` is Q of
the groups at ``resolution`` on the weighted (or, with weight=None, unweighted)
undirected view. Structures without the attribute raise ValueError naming them, unless
``missing`` gives their label (e.g. ``missing="none"``: they form one group).

Example::

    formal = coopmap.partition_by(net, "tenancy", missing="none")
    coopmap.compare_partitions(formal, coopmap.louvain(net)).ari
)doc");
}


}  // namespace coopmap::py_bind
