// Bindings of coopmap/brokerage.hpp.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/brokerage.hpp"

namespace coopmap::py_bind {
namespace {

/// The result with the ids and group labels it refers to.
struct PyBrokerage {
    BrokerageResult r;
    std::vector<std::string> ids;
    py::list labels;  // label of each group (attribute value or partition label)
};

/// {role: value}: int counts (V = py::int_) or float statistics (V = py::float_).
template <class V>
py::typing::Dict<py::str, V> role_dict(const RoleValues& v) {
    constexpr bool integers = std::is_same_v<V, py::int_>;
    py::typing::Dict<py::str, V> d;
    for (std::size_t k = 0; k < 6; ++k) {
        if constexpr (integers) d[brokerage_role_names[k]] = py::int_(static_cast<long long>(v[k]));
        else d[brokerage_role_names[k]] = v[k];
    }
    return d;
}

template <class V>
IdMap<py::typing::Dict<py::str, V>> per_id(const PyBrokerage& b, const std::vector<RoleValues>& v) {
    IdMap<py::typing::Dict<py::str, V>> d;
    for (std::size_t i = 0; i < b.ids.size(); ++i) d[py::str(b.ids[i])] = role_dict<V>(v[i]);
    return d;
}

}  // namespace

void bind_brokerage(py::module_& m) {
    py::class_<PyBrokerage>(m, "Brokerage", R"doc(
Gould–Fernandez brokerage roles of every structure, as R sna 2.7 ``brokerage(g, cl)``.

Every mapping of roles has the keys ``coordinator`` (sna ``w_I``), ``itinerant``
(``w_O``), ``representative`` (``b_IO``), ``gatekeeper`` (``b_OI``), ``liaison``
(``b_O``) and ``total`` (``t``).

Attributes: ``counts`` (sna ``raw.nli``; int), ``expected`` (``exp.nli``), ``sd``
(``sd.nli``), ``z`` (``z.nli``) — each a Mapping {structure id: {role: value}};
``network`` — {role: {"raw", "expected", "sd", "z"}} (sna ``raw.gli``, ``exp.gli``,
``sd.gli``, ``z.gli``); ``groups`` — {structure id: group label}; ``group_sizes`` —
{group label: size}; ``density``. ``records()`` gives one record per structure for
``pandas.DataFrame``.
)doc")
        .def_property_readonly(
            "counts", [](const PyBrokerage& b) { return per_id<py::int_>(b, b.r.counts); },
            "{id: {role: number of brokered ordered pairs}} (sna raw.nli).")
        .def_property_readonly(
            "expected", [](const PyBrokerage& b) { return per_id<py::float_>(b, b.r.expected); },
            "{id: {role: expected count}} under the density/group-size null model (sna exp.nli).")
        .def_property_readonly(
            "sd", [](const PyBrokerage& b) { return per_id<py::float_>(b, b.r.sd); },
            "{id: {role: standard deviation}} (sna sd.nli; NaN where sna's variance is negative).")
        .def_property_readonly(
            "z", [](const PyBrokerage& b) { return per_id<py::float_>(b, b.r.z); },
            "{id: {role: (count - expected) / sd}} (sna z.nli; NaN for 0/0, inf for x/0).")
        .def_property_readonly(
            "network",
            [](const PyBrokerage& b) {
                py::typing::Dict<py::str, Record> d;
                for (std::size_t k = 0; k < 6; ++k) {
                    Record e;
                    e["raw"] = py::int_(static_cast<long long>(b.r.network_counts[k]));
                    e["expected"] = b.r.network_expected[k];
                    e["sd"] = b.r.network_sd[k];
                    e["z"] = b.r.network_z[k];
                    d[brokerage_role_names[k]] = e;
                }
                return d;
            },
            "{role: {'raw', 'expected', 'sd', 'z'}} for the whole network (sna raw.gli, exp.gli, sd.gli, z.gli).")
        .def_property_readonly(
            "groups",
            [](const PyBrokerage& b) {
                IdMap<py::object> d;
                for (std::size_t i = 0; i < b.ids.size(); ++i) d[py::str(b.ids[i])] = b.labels[b.r.membership[i]];
                return d;
            },
            "{id: group label}.")
        .def_property_readonly(
            "group_sizes",
            [](const PyBrokerage& b) {
                py::typing::Dict<py::object, py::int_> d;
                for (std::size_t g = 0; g < b.r.group_sizes.size(); ++g)
                    d[b.labels[g]] = py::int_(static_cast<long long>(b.r.group_sizes[g]));
                return d;
            },
            "{group label: number of structures} (sna n).")
        .def_property_readonly(
            "density", [](const PyBrokerage& b) { return b.r.density; },
            "Arc density m / (N(N-1)), an undirected tie counting as two arcs (NaN for N < 2).")
        .def(
            "records",
            [](const PyBrokerage& b) {
                Records out;
                for (std::size_t i = 0; i < b.ids.size(); ++i) {
                    Record d;
                    d["id"] = b.ids[i];
                    d["group"] = b.labels[b.r.membership[i]];
                    for (std::size_t k = 0; k < 6; ++k) {
                        const std::string role = brokerage_role_names[k];
                        d[py::str(role)] = py::int_(static_cast<long long>(b.r.counts[i][k]));
                        d[py::str(role + "_expected")] = b.r.expected[i][k];
                        d[py::str(role + "_sd")] = b.r.sd[i][k];
                        d[py::str(role + "_z")] = b.r.z[i][k];
                    }
                    out.append(d);
                }
                return out;
            },
            R"doc(One record per structure: id, group, then for each role its count (``coordinator``),
``coordinator_expected``, ``coordinator_sd`` and ``coordinator_z`` (likewise for the
other roles and ``total``). ``pandas.DataFrame(b.records())`` loads it.)doc")
        .def("__repr__", [](const PyBrokerage& b) {
            return "<coopmap.Brokerage " + std::to_string(b.ids.size()) + " structures, " +
                   std::to_string(b.r.group_sizes.size()) + " groups, " +
                   std::to_string(static_cast<long long>(b.r.network_counts[5])) + " brokered pairs>";
        });

    m.def(
        "brokerage",
        [](const Network& net, const GroupArg& group, const OptAttrValue& missing) {
            PyBrokerage b;
            std::vector<std::uint32_t> membership;
            if (py::isinstance<py::str>(group)) {
                std::optional<Value> miss;
                if (!missing.is_none()) miss = to_value(missing, "missing");
                auto grouping = group_by(net, group.cast<std::string>(), miss);
                membership = std::move(grouping.membership);
                for (const auto& v : grouping.labels) b.labels.append(from_value(v));
            } else {
                auto part = partition_arg(net, group);  // groups keep the partition's own labels
                membership = std::move(part.membership);
                b.labels = std::move(part.labels);
            }
            b.ids.reserve(net.number_of_structures());
            for (const auto& s : net.structures()) b.ids.push_back(s.id);
            {
                ReleaseReading nogil(net);
                b.r = brokerage(net, std::span<const std::uint32_t>(membership));
            }
            // brokerage numbers the groups by first appearance (as sna); label them with the
            // labels given (an attribute's values or the partition's own labels)
            py::list given = b.labels;
            b.labels = py::list(b.r.group_sizes.size());
            for (std::size_t i = 0; i < membership.size(); ++i) b.labels[b.r.membership[i]] = given[membership[i]];
            return b;
        },
        py::arg("net"), py::arg("group"), py::kw_only(), py::arg("missing") = py::none(), R"doc(
Gould–Fernandez brokerage roles, exactly as R sna 2.7 ``brokerage(g, cl)``.

For every ordered two-path a → v → b with a ≠ b and no tie a → b, the structure v
brokers the pair (a, b), in a role given by the groups of a, v and b:

- coordinator (sna ``w_I``): a, v and b in one group;
- itinerant (``w_O``): a and b in one group, v in another;
- representative (``b_IO``): v in a's group, b elsewhere;
- gatekeeper (``b_OI``): v in b's group, a elsewhere;
- liaison (``b_O``): three different groups; total (``t``): the sum.

Parameters
----------
net : Network
    Directed, undirected or mixed; an undirected link counts as two arcs (as R sna reads
    a symmetric matrix), a directed one as one arc; weights are ignored and multiplex
    links count once.
group : str or partition
    The name of a structure attribute (e.g. ``"legal_family"``), or a partition: a
    Mapping {id: label}, a list of communities or a result with ``.membership``. Groups
    of any size, singletons included. An attribute no structure has raises ValueError
    naming it and the known attributes, closest first.
missing : str, int, float, bool or None
    With an attribute name: the group label of the structures lacking it (as
    ``partition_by``, ``mixing_matrix``, ``ei_index``...); None (the default): such
    structures raise ValueError naming them.

Returns
-------
Brokerage
    ``counts``, ``expected``, ``sd``, ``z`` per structure and ``network`` totals.
    Expected values and standard deviations are those of Gould & Fernandez (1989) under
    a random digraph with the observed density d = m / (N(N-1)) and group sizes: per
    triple, P = d²(1-d); variances add the covariances of triples sharing an arc (sna's
    closed forms, reproduced term by term). As in sna: NaN z when expected and sd are 0
    (0/0), inf when the count is positive, NaN sd when sna's variance formula is
    negative; a single structure gives NaN everywhere but the counts.

Complexity: O(Σ_v indeg(v)·outdeg(v)) for the counts, O(k³) for k groups.

Reference: R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach
to brokerage in transaction networks", Sociological Methodology 19 (1989) 89-126;
C. T. Butts, sna 2.7, ``brokerage``.

Example
-------
>>> b = coopmap.brokerage(net, "legal_family")
>>> b.counts["ies"]["gatekeeper"], b.z["ies"]["total"]
>>> pandas.DataFrame(b.records())
)doc");
}


}  // namespace coopmap::py_bind
