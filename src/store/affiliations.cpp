// The affiliation network (structures and groups, bipartite) of an inventory and its projection.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/impl.hpp"

namespace coopmap {

namespace {
struct Affiliation {
    std::size_t structure;  // dense index
    std::uint32_t group;
    std::string role, start, end;
};
}  // namespace

Network Inventory::affiliation_network(const AffiliationOptions& options) const try {
    if (!options.active_on.empty() && !is_iso_date(options.active_on))
        throw input_error("active_on '" + options.active_on + "' is not an ISO date");
    Impl::ReadTx tx(impl_.get());
    auto structures = impl_->load_structures();
    std::vector<std::string> groups;
    std::unordered_map<std::int64_t, std::uint32_t> gidx;
    {
        auto s = impl_->prepare("SELECT id, code FROM groups ORDER BY id");
        s.rows_of("groups", "id");
        while (s.step()) {
            gidx.emplace(s.id(0), static_cast<std::uint32_t>(groups.size()));
            groups.emplace_back(s.text(1, TextRule::identifier));
        }
    }
    for (const auto& g : options.groups)
        if (std::find(groups.begin(), groups.end(), g) == groups.end()) throw not_found(g, "unknown group '" + g + "'");
    std::unordered_map<std::int64_t, std::size_t> sidx;
    for (std::size_t i = 0; i < structures.size(); ++i) sidx.emplace(structures[i].rowid, i);
    std::vector<Affiliation> affs;
    auto s = impl_->prepare(
        "SELECT id, structure, grp, role, start_date, end_date FROM affiliations ORDER BY structure, id");
    s.rows_of("affiliations", "id");
    auto find = [&s](const auto& index, int col, const char* table) {
        const auto it = s.type(col) == SQLITE_INTEGER ? index.find(s.integer(col)) : index.end();
        if (it == index.end()) s.bad(col, std::string("not the id of a row of ") + table);
        return it->second;
    };
    while (s.step()) {
        Affiliation a{find(sidx, 1, "structures"), find(gidx, 2, "groups"), std::string(s.text(3)),
                      std::string(s.text(4)), std::string(s.text(5))};
        if (!options.groups.empty() &&
            std::find(options.groups.begin(), options.groups.end(), groups[a.group]) == options.groups.end())
            continue;
        if (!options.roles.empty() &&
            std::find(options.roles.begin(), options.roles.end(), a.role) == options.roles.end())
            continue;
        if (!options.active_on.empty() && ((!a.start.empty() && compare_dates(a.start, options.active_on) > 0) ||
                                           (!a.end.empty() && compare_dates(options.active_on, a.end) > 0)))
            continue;
        affs.push_back(std::move(a));
    }
    std::vector<char> used_s(structures.size(), 0), used_g(groups.size(), 0);
    for (const auto& a : affs) used_s[a.structure] = used_g[a.group] = 1;
    Network net(false);
    std::vector<index_t> snode(structures.size(), UINT32_MAX), gnode(groups.size(), UINT32_MAX);
    for (std::size_t i = 0; i < structures.size(); ++i) {
        if (!used_s[i]) continue;
        auto& st = structures[i];
        Attributes a = std::move(st.attributes);
        if (st.siren) a.insert_or_assign("siren", *st.siren);
        if (st.rna) a.insert_or_assign("rna", *st.rna);
        if (st.legal_family) a.insert_or_assign("legal_family", *st.legal_family);
        a.insert_or_assign("kind", std::string("structure"));
        a.insert_or_assign("bipartite", std::int64_t(0));
        snode[i] = net.add_structure(st.code, st.name, std::move(a), std::move(st.aliases));
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (!used_g[g]) continue;
        std::string id = groups[g];
        bool clash = false;
        for (const auto& st : structures) {
            if (st.code == id || std::find(st.aliases.begin(), st.aliases.end(), id) != st.aliases.end()) clash = true;
        }
        if (clash || net.contains(id)) id = "group:" + id;
        gnode[g] = net.add_structure(id, groups[g],
                                     Attributes{{"kind", std::string("group")}, {"bipartite", std::int64_t(1)}});
    }
    for (const auto& a : affs) {
        Attributes at;
        if (!a.role.empty()) at.emplace("role", a.role);
        net.add_link(snode[a.structure], gnode[a.group], "affiliation", 1.0, a.start, a.end, {}, std::move(at));
    }
    return net;
} catch (const input_error& e) {
    if (!options.active_on.empty() && !is_iso_date(options.active_on)) throw;
    stored_data_error(impl_->path, e);
}

Network Inventory::affiliation_projection(const AffiliationOptions& options, bool weighted) const {
    const Network b = affiliation_network(options);
    Network net(false);
    std::vector<index_t> node(b.number_of_structures(), UINT32_MAX);
    for (index_t i = 0; i < b.number_of_structures(); ++i) {
        const auto& s = b.structure(i);
        auto it = s.attributes.find("kind");
        if (std::get<std::string>(it->second) != "structure") continue;
        Attributes a = s.attributes;
        a.erase("kind");
        a.erase("bipartite");
        node[i] = net.add_structure(s.id, s.name, std::move(a), s.aliases);
    }
    // members of each group (distinct, sorted by projection index)
    std::map<index_t, std::vector<index_t>> members;
    for (const auto& l : b.links()) members[l.target].push_back(node[l.source]);
    std::map<std::pair<index_t, index_t>, std::vector<index_t>> shared;
    for (auto& [g, m] : members) {
        std::sort(m.begin(), m.end());
        m.erase(std::unique(m.begin(), m.end()), m.end());
        for (std::size_t x = 0; x < m.size(); ++x)
            for (std::size_t y = x + 1; y < m.size(); ++y) shared[{m[x], m[y]}].push_back(g);
    }
    for (const auto& [pair, gs] : shared) {
        std::string names;
        for (auto g : gs) (names += names.empty() ? "" : "|") += b.structure(g).name;
        net.add_link(pair.first, pair.second, "shared_group", weighted ? static_cast<double>(gs.size()) : 1.0, {}, {},
                     {}, Attributes{{"groups", names}});
    }
    return net;
}

}  // namespace coopmap
