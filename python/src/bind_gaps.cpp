// Bindings of coopmap/gaps.hpp: only type conversions and GIL release.
// (Over 600 lines: mostly the Python docstrings of the sixteen gaps functions.)
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/gaps.hpp"

namespace coopmap::py_bind {
namespace {

std::vector<std::string> ids_of(const Network& net) {
    std::vector<std::string> ids;
    ids.reserve(net.number_of_structures());
    for (const auto& s : net.structures()) ids.push_back(s.id);
    return ids;
}

IdMap<py::float_> keyed(const std::vector<std::string>& ids, const std::vector<double>& v) {
    IdMap<py::float_> d;
    for (std::size_t i = 0; i < v.size(); ++i) d[py::str(ids[i])] = v[i];
    return d;
}

py::array_t<double> square(const std::vector<double>& m, std::size_t k) {
    py::array_t<double> a({static_cast<py::ssize_t>(k), static_cast<py::ssize_t>(k)});
    std::copy(m.begin(), m.end(), a.mutable_data());
    return a;
}

std::string fmt(double x) { return format_double(x); }

std::optional<Value> missing_arg(const OptAttrValue& missing) {
    if (missing.is_none()) return std::nullopt;
    return to_value(missing, "missing");
}

// Result holders: the C++ result plus what is needed to key it by id / label.
struct PyMixing {
    MixingMatrix r;
};
struct PyEI {
    EIIndex r;
    std::vector<std::string> ids;
    py::typing::List<py::object> labels;  // group labels: the attribute's values or the partition's own labels
};
struct PyReciprocity {
    Reciprocity r;
    std::vector<std::string> ids;
};
struct PyClusterGaps {
    ClusterGaps r;
    std::vector<std::string> ids;
    std::vector<std::uint32_t> membership;
    py::typing::List<py::object> labels;  // the partition's own cluster labels
};

py::typing::List<py::object> labels_list(const std::vector<Value>& labels) {
    py::typing::List<py::object> out;
    for (const auto& v : labels) out.append(from_value(v));
    return out;
}

}  // namespace

void bind_gaps(py::module_& m) {
    // ---------------------------------------------------------------- Burt
    auto burt = [](const Network& net, const OptStr& weight) {
        BurtOptions o;
        o.weighted = weight_arg(weight);
        ReleaseReading nogil(net);
        return structural_holes(net, o);
    };
    const char* burt_common = R"doc(
Weights: with ``weight="weight"`` the weights of parallel links (several types, or the
same type declared twice) are SUMMED first; ``weight=None`` gives every connected pair
(every arc when directed) weight 1. Directed networks use in- and out-ties: the mutual
weight of i and j is a_ij + a_ji (networkx's ``mutual_weight``).
Notation: N(i) partners of i; p_ij = w_ij / sum_k w_ik; m_jq = w_jq / max_k w_jk.
Isolates (no in- and no out-tie) -> NaN; in-ties alone suffice. Complexity O(sum_j deg(j)^2), one pass per ego, multi-threaded on
large graphs. Reference: Burt, R. S. (1992) *Structural Holes*, Harvard University
Press; networkx ``constraint``/``effective_size`` (equal to 1e-9).)doc";

    m.def(
        "constraint",
        [burt](const Network& net, const OptStr& weight) {
            auto r = burt(net, weight);
            return keyed(ids_of(net), r.constraint);
        },
        py::arg("net"), py::arg("weight") = "weight",
        (std::string(R"doc(
Burt's constraint per structure: c_i = sum_{j in N(i)} (p_ij + sum_{q != i,j} p_iq p_qj)^2.

High constraint: the partners are tied to each other (a closed, redundant network);
low constraint: the structure spans structural holes.
)doc") + burt_common +
         R"doc(

Returns a dict {structure id: float}. Example::

    >>> cm.constraint(net, weight=None)["ies"]          # doctest: +SKIP
    0.4375
)doc")
            .c_str());
    m.def(
        "effective_size",
        [burt](const Network& net, const OptStr& weight) {
            auto r = burt(net, weight);
            return keyed(ids_of(net), r.effective_size);
        },
        py::arg("net"), py::arg("weight") = "weight",
        (std::string(R"doc(
Burt's effective size per structure: e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq),
the number of partners minus their redundancy (unweighted undirected: n - 2t/n, with t
the ties among the n partners, Borgatti 1997). Equal to networkx's
``effective_size(G, nodes=..., weight=...)``; networkx 3.6's all-nodes call (nodes=None)
divides a_jq by the largest weight of q instead of j on weighted or directed graphs, so
it differs there: coopmap follows Burt's definition.
)doc") + burt_common +
         "\n\nReturns a dict {structure id: float}.")
            .c_str());
    m.def(
        "efficiency",
        [burt](const Network& net, const OptStr& weight) {
            auto r = burt(net, weight);
            return keyed(ids_of(net), r.efficiency);
        },
        py::arg("net"), py::arg("weight") = "weight",
        (std::string(R"doc(
Burt's efficiency per structure: effective size / number of distinct partners (in 0..1].
)doc") + burt_common +
         "\n\nReturns a dict {structure id: float}.")
            .c_str());
    m.def(
        "hierarchy",
        [burt](const Network& net, const OptStr& weight) {
            auto r = burt(net, weight);
            return keyed(ids_of(net), r.hierarchy);
        },
        py::arg("net"), py::arg("weight") = "weight",
        (std::string(R"doc(
Burt's hierarchy per structure: h_i = sum_j (c_ij/C) ln(c_ij/C) / (N ln N), with c_ij the
dyadic constraint of partner j, N the number of partners and C = c_i / N (Burt 1992,
p. 71). 0 when the constraint is spread equally over the partners, up to 1 when one
partner concentrates it. N = 1 gives 0/0: 0 by convention (as UCINET).
)doc") + burt_common +
         "\n\nReturns a dict {structure id: float}.")
            .c_str());
    m.def(
        "structural_holes",
        [](const Network& net, const OptStr& weight, unsigned threads) {
            BurtOptions o;
            o.weighted = weight_arg(weight);
            o.threads = threads;
            StructuralHoles r;
            {
                ReleaseReading nogil(net);
                r = structural_holes(net, o);
            }
            const auto n = net.number_of_structures();
            Records out(n);
            // keys created once: building 10^5 records is then dominated by the values
            const py::str k_id("id"), k_deg("degree"), k_c("constraint"), k_e("effective_size"), k_f("efficiency"),
                k_h("hierarchy");
            for (index_t i = 0; i < n; ++i) {
                Record d;
                d[k_id] = py::str(net.structure(i).id);
                d[k_deg] = py::int_(r.degree[i]);
                d[k_c] = py::float_(r.constraint[i]);
                d[k_e] = py::float_(r.effective_size[i]);
                d[k_f] = py::float_(r.efficiency[i]);
                d[k_h] = py::float_(r.hierarchy[i]);
                out[i] = std::move(d);
            }
            return RecordTable(python_hook("table")(out, "structural holes"));
        },
        py::arg("net"), py::arg("weight") = "weight", py::kw_only(), py::arg("threads") = 0,
        (std::string(R"doc(
All four Burt measures in one pass: a list of records (one per structure, in structure
order) with ``id``, ``degree`` (distinct partners, in or out), ``constraint``,
``effective_size``, ``efficiency`` and ``hierarchy`` (see those functions).
``pandas.DataFrame(cm.structural_holes(net)).set_index("id")`` gives the table.
``threads``: worker threads (0 = one per core, at most 8; graphs under 100,000 ties
always use one); the results do not depend on it.
)doc") + burt_common)
            .c_str());

    // ---------------------------------------------------------------- cut points
    m.def(
        "articulation_points",
        [](const Network& net) {
            Biconnected b;
            {
                ReleaseReading nogil(net);
                b = biconnected(net);
            }
            std::vector<std::string> out;
            for (auto i : b.articulation_points) out.push_back(net.structure(i).id);
            return out;
        },
        py::arg("net"), R"doc(
Cut points: structures whose removal disconnects their component (ids, in structure
order). Computed on the undirected simple view (direction and weights ignored) with
Boost.Graph's biconnected components (Hopcroft & Tarjan 1973); the same set as
networkx's ``articulation_points``. Isolates and the empty network give none. O(n + m).
)doc");
    m.def(
        "bridges",
        [](const Network& net) {
            Biconnected b;
            {
                ReleaseReading nogil(net);
                b = biconnected(net);
            }
            py::typing::List<py::typing::Tuple<py::str, py::str>> out;
            for (auto [u, v] : b.bridges) out.append(py::make_tuple(net.structure(u).id, net.structure(v).id));
            return out;
        },
        py::arg("net"), R"doc(
Bridges: ties whose removal disconnects their component, as (u, v) id pairs (u before v
in structure order). Undirected simple view; the same set as networkx's ``bridges``.
O(n + m).
)doc");
    m.def(
        "biconnected_components",
        [](const Network& net) {
            Biconnected b;
            {
                ReleaseReading nogil(net);
                b = biconnected(net);
            }
            py::typing::List<StrList> out;
            for (const auto& c : b.components) {
                StrList ids;
                for (auto i : c) ids.append(net.structure(i).id);
                out.append(ids);
            }
            return out;
        },
        py::arg("net"), R"doc(
Biconnected components (maximal sets of structures that stay connected after removing
any one of them) as lists of ids (structure order); a bridge forms a component of two,
isolates belong to none. Undirected simple view; the same sets as networkx's
``biconnected_components``. O(n + m).
)doc");
    m.def(
        "local_bridges",
        [](const Network& net, bool with_span) {
            std::vector<LocalBridge> lb;
            {
                ReleaseReading nogil(net);
                lb = local_bridges(net, with_span);
            }
            py::typing::List<
                py::typing::Union<py::typing::Tuple<py::str, py::str>, py::typing::Tuple<py::str, py::str, py::float_>>>
                out;
            for (const auto& x : lb) {
                py::str u(net.structure(x.u).id), v(net.structure(x.v).id);
                if (!with_span) out.append(py::make_tuple(u, v));
                else if (std::isinf(x.span)) out.append(py::make_tuple(u, v, py::float_(x.span)));
                else out.append(py::make_tuple(u, v, py::int_(static_cast<long long>(x.span))));
            }
            return out;
        },
        py::arg("net"), py::arg("with_span") = true, R"doc(
Local bridges: ties whose two ends have no common partner, as networkx's
``local_bridges(G, with_span=True)``: tuples (u, v, span) with u before v in structure
order, span = length (hops) of the shortest u-v path once the tie is removed (an int
>= 3), or ``float('inf')`` when there is no other path (the tie is a bridge).
``with_span=False`` gives (u, v) pairs and skips the path searches.
Undirected simple view, weights ignored. Complexity: O(m d_max) plus one bidirectional
BFS per local bridge (O(n + m) each in the worst case).
)doc");

    // ---------------------------------------------------------------- link prediction
    py::class_<Suggestion>(m, "Suggestion", R"doc(
A suggested cooperation between two structures that are not linked (see
:func:`predict_links`): ``source`` < ``target`` in string order, ``score``, and
``shared``: the common partners that explain it (sorted ids).
)doc")
        .def_readonly("source", &Suggestion::source, "Id of the first structure (string order).")
        .def_readonly("target", &Suggestion::target, "Id of the second structure.")
        .def_readonly("score", &Suggestion::score, "Score of the method.")
        .def_readonly("shared", &Suggestion::shared, "Common partners (sorted ids).")
        .def(
            "as_dict",
            [](const Suggestion& s) {
                Record d;
                d["source"] = s.source;
                d["target"] = s.target;
                d["score"] = s.score;
                d["shared"] = s.shared;
                return d;
            },
            "A record: {source, target, score, shared}.")
        .def("__repr__", [](const Suggestion& s) {
            return "<coopmap.Suggestion " + s.source + " -- " + s.target + " score=" + fmt(s.score) + ", " +
                   std::to_string(s.shared.size()) + " shared>";
        });
    m.def(
        "predict_links",
        [](const Network& net, const std::string& method, const OptInt& top, const OptGroupArg& across,
           const OptAttrValue& missing) {
            PredictOptions o;
            o.missing = missing_arg(missing);
            o.method = parse_link_predictor(method);
            if (top.is_none()) o.top = std::nullopt;
            else {
                o.top = static_cast<std::size_t>(int_arg(top, "top", 0));
            }
            if (!across.is_none()) {
                if (py::isinstance<py::str>(across)) o.across_attribute = across.cast<std::string>();
                else o.across_membership = membership_arg(net, across);
                if (py::isinstance<py::str>(across) && o.across_attribute.empty())
                    throw input_error("across: attribute name must not be empty");
            }
            std::vector<Suggestion> r;
            {
                ReleaseReading nogil(net);
                r = predict_links(net, o);
            }
            return SuggestionTable(python_hook("table")(py::cast(std::move(r)), "suggestions"));
        },
        py::arg("net"), py::arg("method") = "adamic_adar", py::arg("top") = 25, py::arg("across") = py::none(),
        py::kw_only(), py::arg("missing") = py::none(), R"doc(
Suggested cooperations: the best-scored pairs of structures that are not linked.

Scores (networkx's, to 1e-12) on the undirected simple view, Γ(u) = partners of u,
k_w = |Γ(w)|:

* ``"common_neighbors"``: |Γ(u) ∩ Γ(v)|
* ``"jaccard"``: |Γ(u) ∩ Γ(v)| / |Γ(u) ∪ Γ(v)|
* ``"adamic_adar"`` (default): Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / ln k_w (Adamic & Adar 2003)
* ``"resource_allocation"``: Σ_{w ∈ Γ(u) ∩ Γ(v)} 1 / k_w (Zhou, Lü & Zhang 2009)
* ``"preferential_attachment"``: k_u k_v

Each pair is reported once (``source`` < ``target`` in string order); only pairs with a
score > 0 are suggested (except for preferential attachment, only pairs at distance 2).
Order: score descending, then source id, then target id. ``top``: keep the best ``top``
(None: every candidate; for preferential attachment that is every non-adjacent pair
of non-isolated structures, O(n^2) time and memory — small networks only: ValueError
beyond 5 * 10^7 pairs).
``across``: an attribute name keeps pairs whose values differ (e.g. an ESS structure
and a classic business); a partition (Mapping id -> label, list of communities, or an
object with ``.membership``) keeps pairs in different clusters. ``missing``: with an
attribute, structures lacking it raise ValueError, unless ``missing`` gives them a group
label (e.g. ``missing="unknown"``).
Returns a list of :class:`Suggestion` (``[s.as_dict() for s in ...]`` for pandas).

Complexity: O(Σ_w k_w²) with a dense accumulator and a bounded heap (seconds on
10^6 links); preferential attachment with ``top`` scans pairs by decreasing degree
product and stops at the k-th score.
Raises ValueError for an unknown method, a negative ``top`` or a missing attribute.

Example::

    >>> s = cm.predict_links(net, top=5, across="legal_family")  # doctest: +SKIP
    >>> s[0].source, s[0].target, s[0].shared                       # doctest: +SKIP
)doc");

    // ---------------------------------------------------------------- mixing
    py::class_<PyMixing>(m, "MixingMatrix", R"doc(
Ties between the groups of an attribute (see :func:`mixing_matrix`). ``labels``: group
labels (first appearance in structure order); ``matrix``: k x k numpy array, symmetric,
[a, b] = ties between a and b, [a, a] = ties within a (each tie once); ``sizes``;
``gaps``: group pairs (label, label) with no tie.
)doc")
        .def_property_readonly("labels", [](const PyMixing& p) { return labels_list(p.r.labels); })
        .def_property_readonly(
            "sizes",
            [](const PyMixing& p) {
                py::typing::Dict<py::object, py::int_> d;
                for (std::size_t a = 0; a < p.r.k; ++a) d[from_value(p.r.labels[a])] = p.r.sizes[a];
                return d;
            },
            "Structures per group: dict label -> count.")
        .def_property_readonly("matrix", [](const PyMixing& p) { return square(p.r.matrix, p.r.k); })
        .def_property_readonly(
            "gaps",
            [](const PyMixing& p) {
                py::typing::List<py::typing::Tuple<py::object, py::object>> out;
                for (auto [a, b] : p.r.gaps)
                    out.append(py::make_tuple(from_value(p.r.labels[a]), from_value(p.r.labels[b])));
                return out;
            },
            "Group pairs (a, b), a before b in label order, with no tie between them.")
        .def(
            "to_dict",
            [](const PyMixing& p) {
                py::typing::Dict<py::object, py::typing::Dict<py::object, py::float_>> d;
                for (std::size_t a = 0; a < p.r.k; ++a) {
                    py::typing::Dict<py::object, py::float_> row;
                    for (std::size_t b = 0; b < p.r.k; ++b) row[from_value(p.r.labels[b])] = p.r.at(a, b);
                    d[from_value(p.r.labels[a])] = row;
                }
                return d;
            },
            "Nested dict {label: {label: ties}} (networkx attribute_mixing_dict layout).")
        .def(
            "records",
            [](const PyMixing& p) {
                Records out;
                for (std::size_t a = 0; a < p.r.k; ++a)
                    for (std::size_t b = a; b < p.r.k; ++b) {
                        Record d;
                        d["group_a"] = from_value(p.r.labels[a]);
                        d["group_b"] = from_value(p.r.labels[b]);
                        d["ties"] = p.r.at(a, b);
                        out.append(d);
                    }
                return out;
            },
            "One record per unordered group pair (a <= b): group_a, group_b, ties.")
        .def("__repr__", [](const PyMixing& p) {
            return "<coopmap.MixingMatrix " + std::to_string(p.r.k) + " groups, " + std::to_string(p.r.gaps.size()) +
                   " gaps>";
        });
    m.def(
        "mixing_matrix",
        [](const Network& net, const std::string& attribute, const OptStr& weight, const OptAttrValue& missing) {
            const bool w = weight_arg(weight);
            const auto miss = missing_arg(missing);
            ReleaseReading nogil(net);
            return PyMixing{mixing_matrix(net, attribute, w, miss)};
        },
        py::arg("net"), py::arg("attribute"), py::arg("weight") = py::none(), py::kw_only(),
        py::arg("missing") = py::none(), R"doc(
Mixing matrix of the groups given by a structure attribute, on the undirected simple
view (a -> b and b -> a merge; each connected pair counted once).

``weight=None``: counts of connected pairs; ``weight="weight"``: sums of the link
weights (all links of the pair, both orientations). Convention: the matrix is symmetric,
[a, b] = ties between a and b and the diagonal [a, a] = ties within a, each tie ONCE.
networkx's ``attribute_mixing_matrix(G, attr, normalized=False)`` counts every edge in
both orientations: the same off the diagonal, twice ours on it. Empty off-diagonal
cells are the group-level gaps (``.gaps``).
Raises ValueError when structures lack the attribute, unless ``missing`` gives them a
group label (``missing="unknown"``). O(n k + m).
Example: ``cm.mixing_matrix(net, "legal_family", missing="unknown").gaps``.
)doc");
    m.def(
        "assortativity",
        [](const Network& net, const std::string& attribute, const OptAttrValue& missing) {
            const auto miss = missing_arg(missing);
            ReleaseReading nogil(net);
            return assortativity(net, attribute, miss);
        },
        py::arg("net"), py::arg("attribute"), py::kw_only(), py::arg("missing") = py::none(), R"doc(
Nominal assortativity coefficient (Newman 2003) of a structure attribute, on the
undirected simple view: r = (Σ_a e_aa − Σ_a a_a²) / (1 − Σ_a a_a²), e the mixing
matrix with every tie in both orientations normalised to 1, a its row sums. Equals
networkx's ``attribute_assortativity_coefficient``. 1: ties only within groups; 0:
as random; negative: ties preferably across. NaN without ties or when every tie-end is
in one group. Weights ignored. ``missing``: group label of the structures lacking the
attribute (default: ValueError). O(n k + m).
Reference: Newman (2003), "Mixing patterns in networks", Phys. Rev. E 67, 026126.
)doc");

    py::class_<PyEI>(m, "EIIndex", R"doc(
Krackhardt & Stern's E-I index (see :func:`ei_index`): ``network``, ``groups`` (dict
label -> E-I), ``structures`` (dict id -> E-I), ``rescaled``, ``expected``,
permutation test (``p_value``, ``p_greater``, ``p_less``, ``permutation_mean``,
``permutation_sd``) and the counts behind them.
)doc")
        .def_property_readonly(
            "network", [](const PyEI& p) { return p.r.network; }, "(EL − IL)/(EL + IL); NaN without ties.")
        .def_property_readonly(
            "groups",
            [](const PyEI& p) {
                py::typing::Dict<py::object, py::float_> d;
                for (std::size_t a = 0; a < p.r.groups.size(); ++a) d[p.labels[a]] = p.r.groups[a];
                return d;
            },
            "Per group label: (EL_g − IL_g)/(EL_g + IL_g), EL_g ties leaving g, IL_g ties inside; NaN without ties.")
        .def_property_readonly(
            "structures", [](const PyEI& p) { return keyed(p.ids, p.r.structures); },
            "Per structure id: partners outside minus inside its group, over all partners; NaN for isolates.")
        .def_property_readonly("labels", [](const PyEI& p) { return p.labels; })
        .def_property_readonly(
            "sizes",
            [](const PyEI& p) {
                py::typing::Dict<py::object, py::int_> d;
                for (std::size_t a = 0; a < p.r.sizes.size(); ++a) d[p.labels[a]] = p.r.sizes[a];
                return d;
            },
            "Structures per group.")
        .def_property_readonly(
            "external", [](const PyEI& p) { return p.r.external; }, "EL: ties between groups.")
        .def_property_readonly(
            "internal", [](const PyEI& p) { return p.r.internal; }, "IL: ties within groups.")
        .def_property_readonly(
            "max_external", [](const PyEI& p) { return p.r.max_external; },
            "Possible ties between groups: Σ_{a<b} n_a n_b.")
        .def_property_readonly(
            "max_internal", [](const PyEI& p) { return p.r.max_internal; },
            "Possible ties within groups: Σ_a n_a (n_a − 1)/2.")
        .def_property_readonly(
            "expected", [](const PyEI& p) { return p.r.expected; },
            "E-I of the complete graph (expected E-I when ties fall at random).")
        .def_property_readonly(
            "minimum", [](const PyEI& p) { return p.r.minimum; },
            "Smallest E-I reachable with EL + IL ties and these group sizes.")
        .def_property_readonly(
            "maximum", [](const PyEI& p) { return p.r.maximum; }, "Largest reachable E-I.")
        .def_property_readonly(
            "rescaled", [](const PyEI& p) { return p.r.rescaled; },
            "E-I rescaled to [−1, 1] between minimum and maximum; NaN when they coincide.")
        .def_property_readonly("permutations", [](const PyEI& p) { return p.r.permutations; })
        .def_property_readonly("permutation_mean", [](const PyEI& p) { return p.r.permutation_mean; })
        .def_property_readonly("permutation_sd", [](const PyEI& p) { return p.r.permutation_sd; })
        .def_property_readonly(
            "p_value", [](const PyEI& p) { return p.r.p_value; },
            "Two-sided: share of permutations at least as far from their mean as the observed E-I.")
        .def_property_readonly(
            "p_greater", [](const PyEI& p) { return p.r.p_greater; }, "Share of permutations with E-I >= observed.")
        .def_property_readonly(
            "p_less", [](const PyEI& p) { return p.r.p_less; }, "Share of permutations with E-I <= observed.")
        .def(
            "records",
            [](const PyEI& p) {
                Records out;
                for (std::size_t a = 0; a < p.r.groups.size(); ++a) {
                    Record d;
                    d["group"] = p.labels[a];
                    d["size"] = p.r.sizes[a];
                    d["ei"] = p.r.groups[a];
                    out.append(d);
                }
                return out;
            },
            "One record per group: group, size, ei.")
        .def("__repr__", [](const PyEI& p) {
            return "<coopmap.EIIndex network=" + fmt(p.r.network) + " rescaled=" + fmt(p.r.rescaled) +
                   " p_value=" + fmt(p.r.p_value) + ">";
        });
    m.def(
        "ei_index",
        [](const Network& net, const StrArg& attribute, std::size_t permutations, std::uint64_t seed,
           const OptAttrValue& missing) {
            EIOptions o{permutations, seed, missing_arg(missing)};
            PartitionArg part;
            std::string attr;
            const bool by_attr = py::isinstance<py::str>(attribute);
            if (by_attr) attr = attribute.cast<std::string>();
            else part = partition_arg(net, attribute);
            PyEI out;
            out.ids = ids_of(net);
            {
                ReleaseReading nogil(net);
                out.r = by_attr ? ei_index(net, attr, o) : ei_index(net, part.membership, o);
            }
            out.labels = by_attr ? labels_list(out.r.labels) : part.labels;
            return out;
        },
        py::arg("net"), py::arg("attribute"), py::arg("permutations") = 1000, py::arg("seed") = 0, py::kw_only(),
        py::arg("missing") = py::none(), R"doc(
Krackhardt & Stern's E-I index: (EL − IL) / (EL + IL), EL = ties between groups, IL =
ties within groups, on the undirected simple view (each connected pair once, weights
ignored). −1: closed groups; +1: all ties across groups.

``attribute``: a structure attribute name, or a partition (Mapping id -> label, list of
communities, object with ``.membership``; groups then keep the partition's own labels:
a Mapping's values, a community's position in the list, a Partition's cluster numbers).
``missing``: group label of the structures lacking the attribute (default: ValueError
naming them), e.g. ``missing="unknown"``.
Levels: ``network``; ``groups`` (ties leaving vs. inside each group); ``structures``
(partners outside vs. inside the structure's group; NaN for isolates).
``rescaled``: with L = EL + IL and the group sizes fixed, the E-I can only range from
``minimum`` = (L − 2 min(L, max_internal)) / L to ``maximum`` = (2 min(L, max_external) − L) / L;
rescaled = −1 + 2 (E-I − minimum) / (maximum − minimum). ``expected``: E-I of the complete
graph, (max_external − max_internal) / (max_external + max_internal).
Permutation test: group labels shuffled across structures (sizes kept) ``permutations``
times with a seeded, platform-independent generator; ``p_value`` is two-sided (distance
from the permutation mean), ``p_greater``/``p_less`` one-sided. ``permutations=0`` skips
it (NaN). No ties -> NaN everywhere. O(n k + m (1 + permutations)).
Reference: Krackhardt & Stern (1988), Social Psychology Quarterly 51(2): 123–140.
Example: ``ei = cm.ei_index(net, "legal_family", permutations=1000, seed=0); ei.groups``.
)doc");

    // ---------------------------------------------------------------- cluster gaps
    py::class_<PyClusterGaps>(m, "ClusterGaps", R"doc(
Ties and densities between clusters (see :func:`cluster_gaps`). Clusters keep the
partition's own labels (``labels``): a Mapping's values (ascending when all are ints,
else by first appearance in structure order), a community's position in the list, a
Partition's cluster numbers. Rows and columns of ``ties`` and ``density`` follow
``labels``; ``members``, ``sizes``, ``gaps`` and ``records()`` are keyed by label.
)doc")
        .def_property_readonly(
            "k", [](const PyClusterGaps& p) { return p.r.k; }, "Number of clusters.")
        .def_property_readonly(
            "labels", [](const PyClusterGaps& p) { return p.labels; },
            "Cluster labels, in the order of the matrices' rows and columns.")
        .def_property_readonly(
            "sizes",
            [](const PyClusterGaps& p) {
                py::typing::Dict<py::object, py::int_> d;
                for (std::size_t a = 0; a < p.r.k; ++a) d[p.labels[a]] = p.r.sizes[a];
                return d;
            },
            "Dict label -> number of structures.")
        .def_property_readonly(
            "members",
            [](const PyClusterGaps& p) {
                std::vector<std::vector<std::string>> per(p.r.k);
                for (std::size_t i = 0; i < p.ids.size(); ++i) per[p.membership[i]].push_back(p.ids[i]);
                py::typing::Dict<py::object, StrList> d;
                for (std::size_t a = 0; a < p.r.k; ++a) d[p.labels[a]] = per[a];
                return d;
            },
            "Dict label -> ids of the cluster, in structure order.")
        .def_property_readonly(
            "ties", [](const PyClusterGaps& p) { return square(p.r.ties, p.r.k); },
            "k x k (rows/columns in ``labels`` order): ties between clusters; diagonal = ties "
            "within (each tie once).")
        .def_property_readonly(
            "density", [](const PyClusterGaps& p) { return square(p.r.density, p.r.k); },
            "k x k (rows/columns in ``labels`` order): ties / possible ties (n_a n_b between, "
            "n_a (n_a − 1)/2 within; NaN if n_a < 2).")
        .def_property_readonly(
            "gaps",
            [](const PyClusterGaps& p) {
                py::typing::List<py::typing::Tuple<py::object, py::object>> out;
                for (auto [a, b] : p.r.gaps) out.append(py::make_tuple(p.labels[a], p.labels[b]));
                return out;
            },
            "Cluster label pairs (a, b), a before b in ``labels``, with no tie between them.")
        .def(
            "records",
            [](const PyClusterGaps& p) {
                Records out;
                for (std::size_t a = 0; a < p.r.k; ++a)
                    for (std::size_t b = a; b < p.r.k; ++b) {
                        Record d;
                        d["cluster_a"] = p.labels[a];
                        d["cluster_b"] = p.labels[b];
                        d["ties"] = p.r.ties[a * p.r.k + b];
                        d["density"] = p.r.density[a * p.r.k + b];
                        out.append(d);
                    }
                return out;
            },
            "One record per unordered cluster pair (a before or equal to b in ``labels``): cluster_a, cluster_b "
            "(labels), ties, density.")
        .def("__repr__", [](const PyClusterGaps& p) {
            return "<coopmap.ClusterGaps " + std::to_string(p.r.k) + " clusters, " + std::to_string(p.r.gaps.size()) +
                   " gaps>";
        });
    m.def(
        "cluster_gaps",
        [](const Network& net, const PartitionLike& partition) {
            PyClusterGaps out;
            auto part = partition_arg(net, partition);
            out.membership = std::move(part.membership);
            out.labels = std::move(part.labels);
            out.ids = ids_of(net);
            ReleaseReading nogil(net);
            out.r = cluster_gaps(net, out.membership);
            return out;
        },
        py::arg("net"), py::arg("partition"), R"doc(
Inter-cluster density matrix and the cluster pairs with no tie at all, on the undirected
simple view (each connected pair once, weights ignored).

``partition``: Mapping id -> label, list of communities, or an object with
``.membership`` (e.g. a clustering result); clusters keep its labels (see
:class:`ClusterGaps`), so ``cm.cluster_gaps(net, part).members[0]`` is the cluster 0 of
``part``. density[a, b] = ties / (n_a n_b) between clusters, ties / (n_a (n_a − 1)/2)
within (NaN for a cluster of one). O(n + m + k²).
)doc");

    // ---------------------------------------------------------------- reciprocity, isolates
    py::class_<PyReciprocity>(m, "Reciprocity", R"doc(
Reciprocity of a directed network (see :func:`reciprocity`).
)doc")
        .def_property_readonly(
            "edgewise", [](const PyReciprocity& p) { return p.r.edgewise; },
            "Reciprocated arcs / arcs (networkx ``reciprocity``, igraph default mode).")
        .def_property_readonly(
            "ratio", [](const PyReciprocity& p) { return p.r.ratio; },
            "Mutual pairs / connected pairs (igraph ``reciprocity(mode=\"ratio\")``).")
        .def_property_readonly("arcs", [](const PyReciprocity& p) { return p.r.arcs; })
        .def_property_readonly("reciprocated_arcs", [](const PyReciprocity& p) { return p.r.reciprocated_arcs; })
        .def_property_readonly("mutual_pairs", [](const PyReciprocity& p) { return p.r.mutual_pairs; })
        .def_property_readonly("asymmetric_pairs", [](const PyReciprocity& p) { return p.r.asymmetric_pairs; })
        .def_property_readonly(
            "structures", [](const PyReciprocity& p) { return keyed(p.ids, p.r.structures); },
            "Per structure: 2 |pred ∩ succ| / (|pred| + |succ|) (networkx ``reciprocity(G, nodes)``); "
            "NaN for isolates.")
        .def_property_readonly(
            "unreciprocated",
            [](const PyReciprocity& p) {
                py::typing::List<py::typing::Tuple<py::str, py::str>> out;
                for (auto [u, v] : p.r.unreciprocated) out.append(py::make_tuple(p.ids[u], p.ids[v]));
                return out;
            },
            "Arcs (u, v) without a link v -> u.")
        .def("__repr__", [](const PyReciprocity& p) {
            return "<coopmap.Reciprocity edgewise=" + fmt(p.r.edgewise) + " ratio=" + fmt(p.r.ratio) + ", " +
                   std::to_string(p.r.unreciprocated.size()) + " unreciprocated>";
        });
    m.def(
        "reciprocity",
        [](const Network& net) {
            PyReciprocity out;
            out.ids = ids_of(net);
            ReleaseReading nogil(net);
            out.r = reciprocity(net);
            return out;
        },
        py::arg("net"), R"doc(
Reciprocity of the directed simple view (parallel links of one direction count once):
``edgewise`` = reciprocated arcs / arcs (networkx ``reciprocity(G)``), ``ratio`` = mutual
pairs / connected pairs (igraph ``reciprocity(mode="ratio")``), per-structure values,
and the ``unreciprocated`` arcs (declared one way only). An undirected network has every
tie mutual: 1.0 (igraph's convention; networkx refuses undirected graphs). No arcs ->
NaN. O(n + m log d).
)doc");
    m.def(
        "isolates",
        [](const Network& net) {
            std::vector<std::string> out;
            for (auto i : isolates(net)) out.push_back(net.structure(i).id);
            return out;
        },
        py::arg("net"),
        "Ids of the structures without any link (in or out), in structure order "
        "(networkx ``isolates``). O(n + m).");
}


}  // namespace coopmap::py_bind
