// Bindings of coopmap/centrality.hpp.
#include <pybind11/stl.h>

#include <optional>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/centrality.hpp"

namespace coopmap::py_bind {
namespace {

PathWeight path_weight(const py::handle& weight, const std::string& distance) {
    const bool weighted = weight_arg(weight);
    if (distance == "inverse") return PathWeight::inverse;  // implies the link weights
    if (distance != "weight")
        throw input_error(
            "distance must be \"weight\" (the weight is the length) or \"inverse\" (length = 1/weight), got '" +
            distance + "'");
    return weighted ? PathWeight::distance : PathWeight::none;
}

std::size_t k_arg(std::optional<long long> k, std::size_t n) {
    if (!k) return 0;
    const auto v = *k;
    if (v < 1 || static_cast<std::size_t>(v) > n)
        throw input_error("k must be between 1 and the number of structures (" + std::to_string(n) + "), got " +
                          std::to_string(v));
    return static_cast<std::size_t>(v);
}

}  // namespace

void bind_centrality(py::module_& m) {
    m.def(
        "betweenness",
        [](const Network& net, bool normalized, const OptStr& weight, const std::string& distance, bool endpoints,
           std::optional<long long> k, std::uint64_t seed, int threads) {
            BetweennessOptions o;
            o.normalized = normalized;
            o.weight = path_weight(weight, distance);
            o.endpoints = endpoints;
            o.k = k_arg(k, net.number_of_structures());
            o.seed = seed;
            o.threads = threads_arg(threads);
            BetweennessResult r;
            {
                ReleaseReading nogil(net);
                r = betweenness(net, o);
            }
            return per_structure(net, r.values);
        },
        py::arg("net"), py::arg("normalized") = false, py::arg("weight") = py::none(), py::kw_only(),
        py::arg("distance") = "weight", py::arg("endpoints") = false, py::arg("k") = py::none(), py::arg("seed") = 0,
        py::arg("threads") = 0, R"doc(
Betweenness centrality (Brandes 2001), equal to ``networkx.betweenness_centrality``.

b(v) = Σ σ_st(v) / σ_st over pairs s ≠ v ≠ t (unordered for undirected networks,
ordered for directed ones), σ_st the number of shortest s-t paths, σ_st(v) those
through v.

Parameters
----------
net : Network
normalized : bool, default False
    Raw values (UCINET/igraph/R sna habit) or networkx's normalisation: divided by
    (n-1)(n-2) (n(n-1) with endpoints) — networkx's ``normalized=True``. The broker
    table :func:`brokers` normalises by default (a share comparable across networks).
weight : "weight" or None
    ``"weight"``: link weights are lengths (networkx's ``weight="weight"``; parallel
    links: the shortest). None: every link has length 1.
distance : "weight" or "inverse"
    ``"inverse"``: the length of a link is 1 / weight (weight read as an intensity;
    parallel links summed first); implies the link weights even when ``weight`` is None.
endpoints : bool
    Count the ends of each path too (networkx's ``endpoints``).
k : int or None
    Sample k pivot sources (uniform, seeded; our own sampling, not networkx's) and
    inflate like networkx (n/k; (n-1)/(k-1) for the pivots when endpoints is False).
    None or k = n: exact.
seed : int
    Seed of the pivot sample (the same seed gives the same pivots on every platform).
threads : int
    Worker threads (0 = all cores); the GIL is released. Results equal the
    single-threaded ones up to rounding (tested to 1e-9).

Returns
-------
dict {structure id: float}

Edge cases: isolates 0; n ≤ 2 not rescaled. Complexity O(k m) unweighted,
O(k (m + n) log n) weighted (k = n when exact), divided over the threads.

Reference: U. Brandes, "A faster algorithm for betweenness centrality", Journal of
Mathematical Sociology 25 (2001) 163-177.

Example
-------
>>> b = coopmap.betweenness(net)                      # raw, unweighted
>>> b = coopmap.betweenness(net, normalized=True, weight="weight")
>>> b = coopmap.betweenness(net, k=500, seed=0)       # sampled pivots
)doc");

    m.def(
        "betweenness_pivots",
        [](const Network& net, std::size_t k, std::uint64_t seed) {
            bool sampled = false;
            const auto piv =
                detail::pivots(net.number_of_structures(), k_arg(static_cast<long long>(k), net.number_of_structures()),
                               seed, sampled);
            StrList out;
            for (auto i : piv) out.append(net.structure(i).id);
            return out;
        },
        py::arg("net"), py::arg("k"), py::arg("seed") = 0, R"doc(
The pivot sources that :func:`betweenness` and :func:`edge_betweenness` use with ``k``
and ``seed``: k distinct structure ids drawn uniformly without replacement by coopmap's
platform-independent generator (all ids, in order, when k = n). For reproducibility
reports and for checking an estimate against another implementation.
)doc");

    m.def(
        "edge_betweenness",
        [](const Network& net, bool normalized, const OptStr& weight, const std::string& distance,
           std::optional<long long> k, std::uint64_t seed, int threads) {
            BetweennessOptions o;
            o.normalized = normalized;
            o.weight = path_weight(weight, distance);
            o.k = k_arg(k, net.number_of_structures());
            o.seed = seed;
            o.threads = threads_arg(threads);
            EdgeBetweennessResult r;
            {
                ReleaseReading nogil(net);
                r = edge_betweenness(net, o);
            }
            py::typing::Dict<py::typing::Tuple<py::str, py::str>, py::float_> d;
            for (std::size_t e = 0; e < r.values.size(); ++e)
                d[py::make_tuple(net.structure(r.sources[e]).id, net.structure(r.targets[e]).id)] = r.values[e];
            return d;
        },
        py::arg("net"), py::arg("normalized") = false, py::arg("weight") = py::none(), py::kw_only(),
        py::arg("distance") = "weight", py::arg("k") = py::none(), py::arg("seed") = 0, py::arg("threads") = 0, R"doc(
Edge betweenness, equal to ``networkx.edge_betweenness_centrality``.

For each pair of linked structures (multiplex links merged), Σ σ_st(e) / σ_st over
pairs s ≠ t (unordered for undirected networks). ``normalized`` divides by n(n-1) as
networkx. Arguments as :func:`betweenness` (no ``endpoints``).

Returns
-------
dict {(source id, target id): float}
    Undirected networks: one key per pair, the structure added first as source.

Complexity: as :func:`betweenness`. Example: ``coopmap.edge_betweenness(net)``.
)doc");

    m.def(
        "degree",
        [](const Network& net, const std::string& mode, bool normalized) -> IdMap<py::float_> {
            auto d = degree(net, parse_degree_mode(mode));
            const double n = static_cast<double>(net.number_of_structures());
            if (normalized) {
                const double s = n > 1 ? 1.0 / (n - 1.0) : 1.0;
                for (auto& x : d) x *= s;
                return per_structure(net, d);
            }
            std::vector<long long> i(d.begin(), d.end());  // ints: a float in the types (PEP 484)
            return py::reinterpret_steal<IdMap<py::float_>>(per_structure(net, i).release());
        },
        py::arg("net"), py::arg("mode") = "all", py::arg("normalized") = false, R"doc(
Degree: the number of distinct partners (multiplex links count once).

Directed networks: ``mode="out"`` (successors), ``"in"`` (predecessors) or ``"all"``
(in + out, as networkx's ``DiGraph.degree``; a reciprocated pair counts twice).
``normalized=True`` divides by n - 1 (``networkx.degree_centrality``). Isolates: 0.
Complexity O(n + m). Example: ``coopmap.degree(net)["ies"]``.
)doc");

    m.def(
        "strength",
        [](const Network& net, const OptStr& weight, const std::string& mode) {
            return per_structure(net, strength(net, weight_arg(weight), parse_degree_mode(mode)));
        },
        py::arg("net"), py::arg("weight") = "weight", py::arg("mode") = "all", R"doc(
Strength: the sum of the weights of a structure's links, parallel (multiplex) links
included (networkx's ``degree(weight="weight")`` on the multigraph of the links).
``weight=None`` counts the links. ``mode`` as :func:`degree`. Complexity O(n + m).
)doc");

    m.def(
        "closeness",
        [](const Network& net, const OptStr& weight, const std::string& distance, bool wf_improved, int threads) {
            ClosenessOptions o;
            o.weight = path_weight(weight, distance);
            o.wf_improved = wf_improved;
            o.threads = threads_arg(threads);
            std::vector<double> c;
            {
                ReleaseReading nogil(net);
                c = closeness(net, o);
            }
            return per_structure(net, c);
        },
        py::arg("net"), py::arg("weight") = py::none(), py::kw_only(), py::arg("distance") = "weight",
        py::arg("wf_improved") = true, py::arg("threads") = 0, R"doc(
Closeness centrality, equal to ``networkx.closeness_centrality``.

C(v) = (r - 1) / Σ_u d(u, v) over the r - 1 structures that reach v (directed networks:
distances *to* v, as networkx), multiplied by (r - 1)/(n - 1) when ``wf_improved``
(Wasserman & Faust 1994, for disconnected networks). Isolates: 0 (networkx's
convention). ``weight``/``distance`` as :func:`betweenness`.
Complexity O(n m) unweighted, multi-threaded (GIL released).
)doc");

    m.def(
        "harmonic_centrality",
        [](const Network& net, const OptStr& weight, const std::string& distance, int threads) {
            ClosenessOptions o;
            o.weight = path_weight(weight, distance);
            o.threads = threads_arg(threads);
            std::vector<double> h;
            {
                ReleaseReading nogil(net);
                h = harmonic_centrality(net, o);
            }
            return per_structure(net, h);
        },
        py::arg("net"), py::arg("weight") = py::none(), py::kw_only(), py::arg("distance") = "weight",
        py::arg("threads") = 0, R"doc(
Harmonic centrality, equal to ``networkx.harmonic_centrality``: H(v) = Σ_{u ≠ v} 1/d(u, v)
(directed: distances to v; unreachable pairs add 0; not normalised — divide by n - 1
for [0, 1]). Isolates: 0. Reference: Marchiori & Latora (2000); Boldi & Vigna (2014).
Complexity O(n m), multi-threaded.
)doc");

    m.def(
        "pagerank",
        [](const Network& net, double alpha, const OptStr& weight, std::size_t max_iter, double tol) {
            PageRankOptions o;
            o.alpha = alpha;
            o.weighted = weight_arg(weight);
            o.max_iter = max_iter;
            o.tol = tol;
            IterativeResult r;
            {
                ReleaseReading nogil(net);
                r = pagerank(net, o);
            }
            return per_structure(net, r.values);
        },
        py::arg("net"), py::arg("alpha") = 0.85, py::arg("weight") = "weight", py::kw_only(), py::arg("max_iter") = 100,
        py::arg("tol") = 1.0e-6, R"doc(
PageRank, equal to ``networkx.pagerank`` (same power iteration and stopping rule).

x ← α (x P + (Σ_dangling x)/n) + (1 - α)/n with P the row-normalised weight matrix
(undirected links in both directions; parallel links summed; ``weight=None`` counts
links); dangling structures spread uniformly; start 1/n; stop when Σ|Δx| < n·tol.
Raises coopmap.Error when ``max_iter`` iterations do not converge. Complexity
O(iterations · m). Reference: Page, Brin, Motwani & Winograd (1999).
)doc");

    m.def(
        "eigenvector_centrality",
        [](const Network& net, const OptStr& weight, std::size_t max_iter, double tol) {
            EigenvectorOptions o;
            o.weighted = weight_arg(weight);
            o.max_iter = max_iter;
            o.tol = tol;
            IterativeResult r;
            {
                ReleaseReading nogil(net);
                r = eigenvector_centrality(net, o);
            }
            return per_structure(net, r.values);
        },
        py::arg("net"), py::arg("weight") = py::none(), py::kw_only(), py::arg("max_iter") = 100,
        py::arg("tol") = 1.0e-6, R"doc(
Eigenvector centrality, equal to ``networkx.eigenvector_centrality``: power iteration on
A + I (directed: scores flow along the arcs, i.e. in-links count), Euclidean norm 1,
stop when Σ|Δx| < n·tol. Raises coopmap.Error without convergence, ValueError on an
empty network. Complexity O(iterations · m). Reference: Bonacich (1987).
)doc");

    m.def(
        "centralization",
        [](const Network& net, const std::string& measure, const std::string& mode, bool normalized) {
            Centralization c;
            {
                ReleaseReading nogil(net);
                c = centralization(net, measure, parse_degree_mode(mode));
            }
            return normalized ? c.value : c.raw;
        },
        py::arg("net"), py::arg("measure"), py::kw_only(), py::arg("mode") = "all", py::arg("normalized") = true, R"doc(
Freeman centralisation: Σ_i (c_max - c_i) divided by its theoretical maximum, reached
by a star with the same number of structures (igraph's maxima, no loops):

- ``"degree"``: undirected (n-1)(n-2); directed, mode ``"all"`` 2(n-1)(n-2), ``"in"``
  or ``"out"`` (n-1)²;
- ``"betweenness"`` (raw values): undirected (n-1)²(n-2)/2, directed (n-1)²(n-2);
- ``"closeness"`` (:func:`closeness`): undirected (n-1)(n-2)/(2n-3); directed n-1.

``normalized=False`` returns Σ (c_max - c_i). NaN when the maximum is 0 (n < 3) or the
network is empty. Weights are ignored. Reference: L. C. Freeman, Social Networks 1
(1979) 215-239. Example: ``coopmap.centralization(net, "betweenness")``.
)doc");
}


}  // namespace coopmap::py_bind
