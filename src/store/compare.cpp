// Comparison of two waves of an inventory (Inventory::compare).
#include <algorithm>
#include <limits>
#include <tuple>

#include "store/impl.hpp"

namespace coopmap {

namespace {

/// Structures taking part and the distinct undirected partners of each, in a view.
std::vector<std::size_t> degrees(const Derived& d, View view) {
    std::vector<std::pair<index_t, index_t>> pairs;
    for (const auto& l : d.links)
        if (keep(view, l.status)) pairs.emplace_back(std::min(l.s, l.t), std::max(l.s, l.t));
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<std::size_t> deg(d.structures.size(), 0);
    for (const auto& [a, b] : pairs) {
        ++deg[a];
        ++deg[b];
    }
    return deg;
}

}  // namespace

WaveComparison Inventory::compare(const std::string& before, const std::string& after, View view) const {
    Impl::ReadTx tx(impl_.get());  // both waves from one snapshot: same structures and types
    const auto a = impl_->derive(before);
    const auto b = impl_->derive(after);  // same structures and types tables
    if (a.structures.size() != b.structures.size() || a.types.size() != b.types.size())
        throw storage_error(impl_->path + ": the structures changed during a read");
    WaveComparison c;
    c.before = before;
    c.after = after;
    c.view = view;
    auto key = [](const CLink& l) { return std::tuple{l.s, l.t, l.type}; };
    auto lk = [&](const CLink& l) { return LinkKey{a.structures[l.s].code, a.structures[l.t].code, a.types[l.type]}; };
    // Both lists are sorted by key; walk every declared link of either wave, so that a
    // link declared in both is matched whatever its status (never new or lost).
    std::size_t i = 0, j = 0, in_union = 0;
    while (i < a.links.size() || j < b.links.size()) {
        const CLink* la = nullptr;
        const CLink* lb = nullptr;
        if (j == b.links.size() || (i < a.links.size() && key(a.links[i]) < key(b.links[j]))) la = &a.links[i++];
        else if (i == a.links.size() || key(b.links[j]) < key(a.links[i])) lb = &b.links[j++];
        else {
            la = &a.links[i++];
            lb = &b.links[j++];
        }
        const bool va = la && keep(view, la->status), vb = lb && keep(view, lb->status);
        if (!va && !vb) continue;
        ++in_union;
        if (la && lb) {
            if (va && vb) c.kept_links.push_back(lk(*la));
            if (la->status != lb->status)
                c.status_changed.push_back(StatusChange{lk(*la), status_names[la->status], status_names[lb->status]});
        } else if (la) {
            c.lost_links.push_back(lk(*la));
        } else {
            c.new_links.push_back(lk(*lb));
        }
    }
    c.jaccard = in_union ? static_cast<double>(c.kept_links.size()) / static_cast<double>(in_union)
                         : std::numeric_limits<double>::quiet_NaN();
    const auto da = degrees(a, view), db = degrees(b, view);
    for (std::size_t k = 0; k < a.structures.size(); ++k) {
        const bool pa = a.participates[k], pb = b.participates[k];
        if (!pa && !pb) continue;
        if (pb && !pa) c.joined.push_back(a.structures[k].code);
        if (pa && !pb) c.left.push_back(a.structures[k].code);
        c.degrees.push_back(DegreeChange{a.structures[k].code, da[k], db[k], pa, pb});
        if (!a.response[k].empty() && !a.responded[k]) c.non_respondents_before.push_back(a.structures[k].code);
        if (!b.response[k].empty() && !b.responded[k]) c.non_respondents_after.push_back(b.structures[k].code);
    }
    return c;
}

}  // namespace coopmap
