// Bindings of coopmap/scenarios.hpp.
#include <pybind11/stl.h>

#include <algorithm>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/detail/known_words.hpp"
#include "coopmap/scenarios.hpp"

namespace coopmap::py_bind {
namespace {

/// An iterable of structure ids (or aliases) -> indices; unknown ids raise KeyError.
std::vector<index_t> ids_arg(const Network& net, const Ids& ids, const char* what) {
    std::vector<index_t> out;
    if (ids.is_none()) return out;
    if (py::isinstance<py::str>(ids))
        throw py::type_error(std::string(what) + " must be a list of structure ids, not one str");
    for (const auto& x : ids) out.push_back(net.index_of(utf8(x, what)));
    return out;
}

/// The structures a reach objective counts: None (all), a Mapping {attribute: value}
/// (every item must match), or an iterable of ids.
std::vector<char> target_arg(const Network& net, const py::object& target) {
    std::vector<char> flags;
    if (target.is_none()) return flags;
    const std::size_t n = net.number_of_structures();
    if (py::isinstance<py::dict>(target) || py::hasattr(target, "items")) {
        flags.assign(n, 1);
        for (const auto& item : target.attr("items")()) {
            const auto pair = item.cast<py::tuple>();
            const std::string attribute = utf8(pair[0], "target");
            require_structure_attribute(net, attribute, "target");
            const Value want = to_value(pair[1], attribute);
            std::vector<std::string> values;  // the attribute's values, for the error message
            bool any = false;
            for (index_t i = 0; i < n; ++i) {
                const Value* v = find_value(net.structure(i).attributes, attribute);
                if (v && *v == want) {
                    any = true;
                } else {
                    flags[i] = 0;
                    if (v && std::find(values.begin(), values.end(), value_to_string(*v)) == values.end())
                        values.push_back(value_to_string(*v));
                }
            }
            if (!any) {
                std::string why = "target: no structure has ";
                why += attribute;
                why += " = ";
                why += value_to_string(want);
                why += detail::known_words(value_to_string(want), values);
                throw input_error(why);
            }
        }
        return flags;
    }
    flags.assign(n, 0);
    for (index_t i : ids_arg(net, target, "target")) flags[i] = 1;
    return flags;
}

KeyPlayerObjective objective_arg(const std::string& s) {
    if (s == "fragmentation") return KeyPlayerObjective::fragmentation;
    if (s == "distance_fragmentation") return KeyPlayerObjective::distance_fragmentation;
    if (s == "reach") return KeyPlayerObjective::reach;
    if (s == "distance_reach") return KeyPlayerObjective::distance_reach;
    throw input_error("objective: unknown '" + s +
                      "' (expected fragmentation, distance_fragmentation, reach or distance_reach)");
}

/// Rows with a label, before, after and change -> records {key: label, "before", "after", "change"}.
template <class Row>
Records before_after(const std::vector<Row>& rows, const char* key, std::string Row::* label) {
    Records out;
    for (const auto& row : rows) {
        Record d;
        d[key] = row.*label;
        d["before"] = row.before;
        d["after"] = row.after;
        d["change"] = row.change;
        out.append(d);
    }
    return out;
}

struct PyKeyPlayers {
    KeyPlayerResult r;
    std::vector<std::string> players;
    std::string objective;
    std::size_t k, m;
};

}  // namespace

void bind_scenarios(py::module_& m) {
    py::class_<FragmentationResult>(m, "Fragmentation", R"doc(
Borgatti's fragmentation of a network: ``fragmentation`` (F), ``distance_fragmentation``
(DF), ``structures`` (n, the structures counted) and ``components``.
)doc")
        .def_readonly("fragmentation", &FragmentationResult::fragmentation,
                      "F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1)): the share of pairs that cannot reach each other.")
        .def_readonly("distance_fragmentation", &FragmentationResult::distance_fragmentation,
                      "DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1)), 1/∞ = 0.")
        .def_readonly("structures", &FragmentationResult::structures, "n: the structures left.")
        .def_readonly("components", &FragmentationResult::components, "Connected components of what is left.")
        .def("__repr__", [](const FragmentationResult& f) {
            return "<coopmap.Fragmentation F=" + format_double(f.fragmentation) +
                   " DF=" + format_double(f.distance_fragmentation) + ", " + std::to_string(f.structures) +
                   " structures, " + std::to_string(f.components) + " components>";
        });

    m.def(
        "fragmentation",
        [](const Network& net, const OptIds& removed, const OptInt& threads) {
            FragmentationOptions o;
            o.removed = ids_arg(net, removed, "removed");
            o.threads = static_cast<unsigned>(int_arg(threads, "threads", 0));
            ReleaseReading nogil(net);
            return fragmentation(net, o);
        },
        py::arg("net"), py::arg("removed") = py::none(), py::kw_only(), py::arg("threads") = 0, R"doc(
Borgatti's fragmentation of the network, or of the network without ``removed``.

On the undirected view (direction and weights dropped; a pair is tied when some link
joins them), with n the structures left and s_k the sizes of the components:

- F = 1 - Σ_k s_k (s_k - 1) / (n (n - 1)), the share of pairs that cannot reach each
  other: 0 when the network is connected, 1 when nobody is tied;
- DF = 1 - Σ_{i≠j} (1 / d_ij) / (n (n - 1)) with 1/∞ = 0: also sees a network that is
  connected but long (0 only for a complete network).

Both are NaN when fewer than two structures are left.

Parameters
----------
removed : list of ids, optional
    Structures taken out before measuring (ids or aliases; KeyError for an unknown one).
threads : int
    Worker threads of DF (0: all hardware threads; small networks run on one). The value
    does not depend on it.

Complexity: F O(n + m); DF O(n (n + m)), one breadth-first search per structure.

Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
Computational and Mathematical Organization Theory 12 (2006) 21-34.

Example
-------
>>> f = coopmap.fragmentation(net)
>>> f.fragmentation, f.distance_fragmentation
>>> coopmap.fragmentation(net, removed=["genies", "coop_action"]).fragmentation
)doc");

    py::class_<PyKeyPlayers>(m, "KeyPlayers", R"doc(
The set of key players found by :func:`key_players`: ``players`` (ids, in structure
order), ``score`` (its objective value), ``baseline`` (the whole network's value for
the fragmentation objectives; the value of the k structures of highest degree for the
reach objectives), ``objective``, ``k``, ``m`` and ``evaluations`` (objective values
computed by the search).
)doc")
        .def_property_readonly("players", [](const PyKeyPlayers& p) { return p.players; })
        .def_property_readonly("score", [](const PyKeyPlayers& p) { return p.r.score; })
        .def_property_readonly("baseline", [](const PyKeyPlayers& p) { return p.r.baseline; })
        .def_property_readonly("objective", [](const PyKeyPlayers& p) { return p.objective; })
        .def_property_readonly("k", [](const PyKeyPlayers& p) { return p.k; })
        .def_property_readonly("m", [](const PyKeyPlayers& p) { return p.m; })
        .def_property_readonly("evaluations", [](const PyKeyPlayers& p) { return p.r.evaluations; })
        .def("__repr__", [](const PyKeyPlayers& p) {
            std::string s = "<coopmap.KeyPlayers " + p.objective + " [";
            for (std::size_t i = 0; i < p.players.size(); ++i) {
                if (i) s += ", ";
                s += p.players[i];
            }
            s += "] score=";
            s += format_double(p.r.score);
            s += " baseline=";
            s += format_double(p.r.baseline);
            s += ">";
            return s;
        });

    m.def(
        "key_players",
        [](const Network& net, const IntArg& k, const std::string& objective, const IntArg& mm, const TargetArg& target,
           const OptInt& seed, const OptInt& restarts, const OptInt& threads) {
            KeyPlayerOptions o;
            o.k = static_cast<std::size_t>(int_arg(k, "k", 1));
            o.objective = objective_arg(objective);
            o.m = static_cast<std::size_t>(int_arg(mm, "m", 1));
            o.target = target_arg(net, target);
            o.seed = static_cast<std::uint64_t>(int_arg(seed, "seed", 0));
            o.restarts = static_cast<std::size_t>(int_arg(restarts, "restarts", 1));
            o.threads = static_cast<unsigned>(int_arg(threads, "threads", 0));
            PyKeyPlayers p;
            {
                ReleaseReading nogil(net);
                p.r = key_players(net, o);
            }
            for (index_t i : p.r.players) p.players.push_back(net.structure(i).id);
            p.objective = objective;
            p.k = o.k;
            p.m = o.m;
            return p;
        },
        py::arg("net"), py::arg("k") = 3, py::arg("objective") = "fragmentation", py::kw_only(), py::arg("m") = 1,
        py::arg("target") = py::none(), py::arg("seed") = 0, py::arg("restarts") = 10, py::arg("threads") = 0, R"doc(
Borgatti's key-player problem: the k structures that matter most to the network.

Objectives (on the undirected view, n structures, S the set, d(S, j) the distance from
the nearest member of S):

- ``"fragmentation"`` (KPP-Neg): F of the network without S (see :func:`fragmentation`):
  whose departure would split the network most;
- ``"distance_fragmentation"`` (KPP-Neg): DF of the network without S;
- ``"reach"`` (KPP-Pos): the share of the structures outside S within ``m`` steps of S
  (m-reach): who can pass something on to most of the territory;
- ``"distance_reach"`` (KPP-Pos): Σ_{j∉S} 1 / d(S, j) / (n - k).

``target`` restricts the reach objectives to some structures: a Mapping
``{attribute: value}`` (e.g. ``{"legal_family": "classic"}``; every item must match) or
a list of ids.

Search, as Borgatti's KeyPlayer: a greedy start (members added one at a time, each the
best given the previous ones) improved by swapping one member for one outsider while a
swap improves the score. Sets of equal F are compared by DF while one DF costs at most
10^8 breadth-first steps (n^2 (n + m), about 400 structures), above that by the number of
links the set removes; sets of equal m-reach by the distance-weighted reach. Then
``restarts - 1`` searches from random sets drawn with
``seed`` (the same on every platform). The best set is returned; it is a local optimum
(the tests compare it with the brute-force optimum on small networks). The result
describes the declared network, not the worth of a structure.

Returns
-------
KeyPlayers
    ``players``, ``score``, ``baseline`` (fragmentation objectives: the value with
    nobody removed; reach objectives: the value of the k structures of highest degree).

Errors: ValueError when k is not between 1 and n - 1, m < 1, restarts < 1, or for an
unknown objective or target attribute; KeyError for an unknown target id.

Complexity: F: O(k (n + m)) per greedy step or swap round (one depth-first search of the
network without the other members scores every outsider), plus O(n (n + m)) per DF
tie-break on small networks; reach: O(n + m) per candidate set, k (n - k) per swap round;
DF: O(n (n + m)) per candidate set.

Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
Computational and Mathematical Organization Theory 12 (2006) 21-34.

Example
-------
>>> kp = coopmap.key_players(net, k=3, objective="fragmentation", seed=0)
>>> kp.players, kp.score, kp.baseline
>>> coopmap.key_players(net, k=3, objective="reach", m=2, target={"legal_family": "classic"})
)doc");

    m.def(
        "vulnerability",
        [](const Network& net, const OptGroupArg& group, const OptAttrValue& missing, bool distance,
           const OptInt& threads) {
            VulnerabilityOptions o;
            if (!group.is_none()) o.group = utf8(group, "group");
            if (!missing.is_none()) o.missing = to_value(missing, "missing");
            o.distance = distance;
            o.threads = static_cast<unsigned>(int_arg(threads, "threads", 0));
            VulnerabilityResult r;
            {
                ReleaseReading nogil(net);
                r = vulnerability(net, o);
            }
            Records out;
            for (index_t i = 0; i < r.structures.size(); ++i) {
                const auto& s = r.structures[i];
                Record d;
                d["id"] = net.structure(i).id;
                d["fragmentation"] = s.fragmentation;
                d["distance_fragmentation"] = s.distance_fragmentation;
                d["increase"] = s.increase;
                d["distance_increase"] = s.distance_increase;
                py::list cut;
                for (index_t u : s.cut_off) cut.append(net.structure(u).id);
                d["cut_off"] = cut;
                d["cross_group_brokerage"] = s.cross_group_brokerage;
                out.append(d);
            }
            return RecordTable(python_hook("table")(out, "vulnerability"));
        },
        py::arg("net"), py::arg("group") = py::none(), py::kw_only(), py::arg("missing") = py::none(),
        py::arg("distance") = true, py::arg("threads") = 0, R"doc(
What each structure's departure would cost the network: one record per structure (in
structure order; ``pandas.DataFrame(cm.vulnerability(net))`` loads them).

Fields: ``id``; ``fragmentation`` and ``distance_fragmentation``: F and DF of the network
without it (see :func:`fragmentation`); ``increase`` and ``distance_increase``: those
minus the whole network's; ``cut_off``: the structures cut off from the largest
component when it leaves (ids; the largest component and, when it splits, its largest
part are taken with ties to the one holding the earliest structure; empty for a
structure outside the largest component); ``cross_group_brokerage``: the Gould–Fernandez
roles it holds across the groups of ``group`` (itinerant + representative + gatekeeper
+ liaison, as :func:`brokerage` counts them; NaN without ``group``).

Parameters
----------
group : str, optional
    The attribute whose groups define cross-group brokerage.
missing : str, int, float, bool or None
    Group of the structures lacking the attribute (else ValueError naming them).
distance : bool
    Compute DF after each departure (O(n² (n + m)) in all); False: NaN.
threads : int
    Worker threads of the DF searches.

Complexity: F after every departure O(n + m) in all (one depth-first search), cut-offs
O(n + m) plus their total length; DF O(n² (n + m)). The values describe the
declared network, not the worth of a structure.

Example
-------
>>> v = coopmap.vulnerability(net, "legal_family")
>>> max(v, key=lambda r: r["increase"])["id"]
)doc");

    m.def(
        "_weave",
        [](const Network& net, const IntArg& k, const std::string& objective, const OptGroupArg& group,
           const OptAttrValue& missing) {
            WeaveOptions o;
            o.k = static_cast<std::size_t>(int_arg(k, "k", 0));
            if (objective == "cohesion") o.objective = WeaveObjective::cohesion;
            else if (objective == "cross_group") o.objective = WeaveObjective::cross_group;
            else throw input_error("objective: unknown '" + objective + "' (expected cohesion or cross_group)");
            if (!group.is_none()) o.group = utf8(group, "group");
            if (!missing.is_none()) o.missing = to_value(missing, "missing");
            WeaveResult r;
            {
                ReleaseReading nogil(net);
                r = weave(net, o);
            }
            Records links;
            for (const auto& w : r.links) {
                Record d;
                d["source"] = net.structure(w.source).id;
                d["target"] = net.structure(w.target).id;
                d["gain"] = w.gain;
                d["distance"] = w.distance < 0 ? py::object(py::none()) : py::object(py::int_(w.distance));
                py::list shared;
                for (index_t z : w.shared) shared.append(net.structure(z).id);
                d["shared"] = shared;
                d["adamic_adar"] = w.adamic_adar;
                d["cross_group"] = w.cross_group;
                links.append(d);
            }
            return py::typing::Tuple<Records, py::float_, py::float_>(py::make_tuple(links, r.before, r.after));
        },
        py::arg("net"), py::arg("k"), py::arg("objective"), py::arg("group"), py::arg("missing"),
        "Internal: use coopmap.weave (the links as records, the objective before and after).");

    py::class_<WhatIfResult>(m, "WhatIf", R"doc(
The result of :func:`what_if`: ``indicators`` (records ``indicator``, ``before``,
``after``, ``change``; ``pandas.DataFrame(s.indicators)``), ``brokers`` (records ``id``,
``before``, ``after``, ``change`` of the Gould–Fernandez total-brokerage z-score, largest
change first) and ``after`` (the network after the change).
)doc")
        .def_property_readonly(
            "indicators",
            [](const WhatIfResult& r) { return before_after(r.indicators, "indicator", &WhatIfIndicator::name); })
        .def_property_readonly("brokers",
                               [](const WhatIfResult& r) { return before_after(r.brokers, "id", &BrokerChange::id); })
        .def_readonly("after", &WhatIfResult::after)
        .def("__repr__", [](const WhatIfResult& r) {
            std::string s = "<coopmap.WhatIf";
            for (const auto& i : r.indicators) {
                if (i.name != "fragmentation" && i.name != "distance_fragmentation") continue;
                s += " ";
                s += i.name;
                s += " ";
                s += format_double(i.before);
                s += " -> ";
                s += format_double(i.after);
            }
            s += ">";
            return s;
        });

    m.def(
        "what_if",
        [](const Network& net, const OptIds& remove, const AddedLinks& add, const OptGroupArg& group,
           const OptAttrValue& missing, const IntArg& brokers, const OptInt& threads) {
            WhatIfOptions o;
            o.remove = ids_arg(net, remove, "remove");
            if (!add.is_none()) {
                for (const auto& item : add) {
                    const auto t = py::reinterpret_borrow<py::sequence>(item);
                    if (py::isinstance<py::str>(item) || t.size() < 2 || t.size() > 4)
                        throw input_error(
                            "add: each link is (source, target), (source, target, type) or "
                            "(source, target, type, weight)");
                    LinkSpec spec;
                    if (t.size() >= 3) spec.type = utf8(t[2], "add: type");
                    if (t.size() == 4) spec.weight = t[3].cast<double>();
                    o.add.push_back({{net.index_of(utf8(t[0], "add")), net.index_of(utf8(t[1], "add"))}, spec});
                }
            }
            if (!group.is_none()) o.group = utf8(group, "group");
            if (!missing.is_none()) o.missing = to_value(missing, "missing");
            o.brokers = static_cast<std::size_t>(int_arg(brokers, "brokers", 0));
            o.threads = static_cast<unsigned>(int_arg(threads, "threads", 0));
            ReleaseReading nogil(net);
            return what_if(net, o);
        },
        py::arg("net"), py::arg("remove") = py::none(), py::arg("add") = py::none(), py::arg("group") = py::none(),
        py::kw_only(), py::arg("missing") = py::none(), py::arg("brokers") = 10, py::arg("threads") = 0, R"doc(
What if some structures left and some cooperations were added: the network's indicators
before and after, and the structures whose brokerage changes most.

Parameters
----------
remove : list of ids
    Structures that leave, with their links.
add : list of tuples
    Links added (before the departures): ``(source, target)``, ``(source, target,
    type)`` or ``(source, target, type, weight)``; the type defaults to
    ``"cooperation"``.
group : str, optional
    The attribute of the E-I index and of the brokerage z-scores (NaN / no brokers
    without it); ``missing``: the group of the structures lacking it.
brokers : int
    How many structures to list, those whose total-brokerage z changes most.

Notes
-----
Indicators (undirected view unless said): ``components``, ``largest_component_share``
(its size / n), ``fragmentation`` and ``distance_fragmentation`` (:func:`fragmentation`),
``density`` (:func:`density`), ``mean_distance`` (mean over ordered pairs of the largest
component; NaN below two structures) and ``ei_index`` (:func:`ei_index` of ``group``,
network level). ``change`` = after - before. The network itself is not changed
(``s.after`` is the changed copy).

Example
-------
>>> s = coopmap.what_if(net, remove=["genies"], add=[("ies", "bge", "joint_project")])
>>> pandas.DataFrame(s.indicators)
)doc");
}

}  // namespace coopmap::py_bind
