// Derivation: a wave's declarations read (scan), merged into links (merge), and its Network built.
#include <algorithm>
#include <cmath>
#include <exception>
#include <iterator>
#include <thread>
#include <unordered_map>

#include "store/impl.hpp"

namespace coopmap {

namespace {

/// The statuses of a response row; the first two count as having responded.
constexpr std::string_view response_statuses[] = {"complete", "partial", "refused", "unreached"};

/// The second half of derive: the arcs merged into links (no SQLite: any thread).
void merge(Derived& d, std::vector<Arc>& arcs) {
    const auto n = d.structures.size();
    const auto& responded = d.responded;
    {
        // counting sort by source, then a small sort of each row by (target, type)
        std::vector<std::size_t> start(n + 1, 0);
        for (const auto& a : arcs) ++start[a.s + 1];
        for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
        std::vector<Arc> sorted(arcs.size());
        std::vector<std::size_t> pos(start.begin(), start.end() - 1);
        for (const auto& a : arcs) sorted[pos[a.s]++] = a;
        arcs.swap(sorted);
        for (std::size_t i = 0; i < n; ++i)
            std::sort(arcs.begin() + static_cast<std::ptrdiff_t>(start[i]),
                      arcs.begin() + static_cast<std::ptrdiff_t>(start[i + 1]),
                      [](const Arc& x, const Arc& y) { return x.t != y.t ? x.t < y.t : x.type < y.type; });
    }
    d.links.reserve(arcs.size());
    for (std::size_t k = 0; k < arcs.size();) {
        std::size_t e = k;
        std::uint8_t bits = 0;
        double wsum = 0;
        std::uint32_t st = 0, en = 0;
        bool open_end = false;
        for (; e < arcs.size() && arcs[e].s == arcs[k].s && arcs[e].t == arcs[k].t && arcs[e].type == arcs[k].type;
             ++e) {
            bits = static_cast<std::uint8_t>(bits | arcs[e].bits);
            wsum += arcs[e].w;
            if (arcs[e].start && (st == 0 || d.dates[arcs[e].start] < d.dates[st])) st = arcs[e].start;
            if (arcs[e].end == UINT32_MAX) open_end = true;
            else if (en == 0 || d.dates[arcs[e].end] > d.dates[en]) en = arcs[e].end;
        }
        CLink l{arcs[k].s,
                arcs[k].t,
                arcs[k].type,
                bits,
                0,
                static_cast<std::uint32_t>(e - k),
                wsum / static_cast<double>(e - k),
                st,
                open_end ? 0u : en};
        if (bits != 3) {
            const index_t other = bits == 1 ? l.t : l.s;
            l.status = responded[other] ? 1 : 2;
        }
        d.links.push_back(l);
        k = e;
    }
}

/// The kept links of a view, column-wise for Network::add_links (remap: structure
/// index -> network index): one link per derived link, an undirected type giving one
/// link (the network knows the type is undirected), a directed one an arc.
LinkColumns link_columns(const Derived& d, View view, const std::vector<index_t>& remap) {
    std::size_t nl = 0;
    for (const auto& l : d.links) nl += keep(view, l.status) ? 1 : 0;
    // Column-wise into add_links. The types are already declared (declare_link_types,
    // in vocabulary order); statuses enter the network's table in order of first use,
    // as add_link would intern them; the dates table is taken whole (its order is not
    // observable).
    LinkColumns c;
    c.dates = d.dates;
    std::vector<std::uint32_t> type_at(d.types.size(), UINT32_MAX), status_at(std::size(status_names), UINT32_MAX);
    auto at = [](std::vector<std::uint32_t>& to, std::vector<std::string>& table, std::uint32_t k,
                 const std::string& name) {
        if (to[k] == UINT32_MAX) {
            to[k] = static_cast<std::uint32_t>(table.size());
            table.push_back(name);
        }
        return to[k];
    };
    for (auto* col : {&c.source, &c.target, &c.type, &c.start, &c.end, &c.status}) col->resize(nl);
    c.weight.resize(nl);
    std::vector<Value> by;
    by.reserve(nl);
    std::size_t k = 0;
    auto put = [&](index_t s, index_t t, const CLink& l, std::uint32_t type, std::uint32_t status) {
        c.source[k] = s;
        c.target[k] = t;
        c.type[k] = type;
        c.weight[k] = l.weight;
        c.start[k] = l.start;
        c.end[k] = l.end;
        c.status[k] = status;
        ++k;
    };
    for (const auto& l : d.links) {
        if (!keep(view, l.status)) continue;
        auto& b = std::get<std::string>(by.emplace_back(std::in_place_type<std::string>));
        if (l.bits & 1) b = d.structures[l.s].code;
        if (l.bits & 2) (b += b.empty() ? "" : "|") += d.structures[l.t].code;
        const auto type = at(type_at, c.types, l.type, d.types[l.type]);
        const auto status = at(status_at, c.statuses, l.status, status_names[l.status]);
        put(remap[l.s], remap[l.t], l, type, status);
    }
    c.attributes.emplace_back("declared_by", std::move(by));
    return c;
}

}  // namespace

/// Derives the links of a wave (the structures with their ids only).
Derived Inventory::Impl::derive(const std::string& wave_code) const {
    std::vector<Arc> arcs;
    auto d = scan(wave_code, arcs);
    merge(d, arcs);
    return d;
}

/// The first half of derive: the structures, types and responses, and the wave's
/// declarations as arcs (SQLite's part).
///
/// Every value read is checked before it indexes memory (a file may come from
/// elsewhere, or be edited by another program while open): ids are positive and
/// mapped through IdIndex (memory O(rows), whatever their values), references name a
/// stored row, directed is 0 or 1, statuses and directions are the importer's words,
/// intensities numbers > 0, dates ISO; anything else is a storage_error naming the
/// table, row and column.
Derived Inventory::Impl::scan(const std::string& wave_code, std::vector<Arc>& arcs) const {
    const auto wave = require_wave(wave_code);
    Derived d;
    IdIndex structure_index, type_index;  // ids -> dense indices (inventory order)
    {
        auto s = prepare("SELECT id, code FROM structures ORDER BY id");
        s.rows_of("structures", "id");
        while (s.step()) {
            if (!structure_index.add(s.integer(0))) s.bad(0, "not a positive integer id");
            d.structures.push_back(StructureRow{s.integer(0), std::string(s.text(1)), {}, {}, {}, {}, {}, {}});
        }
        structure_index.finish();
    }
    const auto n = d.structures.size();
    {
        auto s = prepare("SELECT id, code, directed FROM link_types ORDER BY id");
        s.rows_of("link_types", "id");
        while (s.step()) {
            if (!type_index.add(s.integer(0))) s.bad(0, "not a positive integer id");
            d.types.emplace_back(s.text(1));
            d.type_directed.push_back(s.flag(2));
        }
        type_index.finish();
    }
    d.participates.assign(n, 0);
    d.response.assign(n, {});
    std::vector<char> responded(n, 0);
    {
        auto s = prepare("SELECT wave, structure, status FROM responses WHERE wave = ?");
        s.bind(1, wave);
        s.rows_of("responses", "wave, structure");
        while (s.step()) {
            const auto i = s.ref(1, structure_index, "structures");
            const auto status = s.bytes(2);
            const auto known = std::find(std::begin(response_statuses), std::end(response_statuses), status);
            if (known == std::end(response_statuses)) s.bad(2, "not complete, partial, refused or unreached");
            d.participates[i] = 1;
            d.response[i] = *known;
            responded[i] = known - std::begin(response_statuses) < 2;  // complete or partial
        }
    }
    // Dates are interned by a packed integer key (the text is at most 10 bytes: an ISO
    // date checked on import), cheaper than hashing strings for a million rows; each
    // distinct text is checked once.
    std::unordered_map<std::uint64_t, std::uint32_t> date_index;
    d.dates.emplace_back();
    auto date = [&](const Stmt& s, int col) -> std::uint32_t {
        const auto t = s.bytes(col);
        std::uint64_t key = t.size();
        bool iso_chars = !t.empty() && t.size() <= 10;
        for (char ch : t) {
            iso_chars = iso_chars && ((ch >= '0' && ch <= '9') || ch == '-');
            key = key * 16 + static_cast<std::uint64_t>(ch == '-' ? 10 : (ch - '0') & 15);
        }
        if (!iso_chars) s.bad(col, "not an ISO date");
        auto [it, fresh] = date_index.emplace(key, static_cast<std::uint32_t>(d.dates.size()));
        if (fresh) {
            if (!is_iso_date(t)) s.bad(col, "not an ISO date");
            d.dates.emplace_back(t);
        }
        return it->second;
    };
    {
        // One import writes its wave's rows with consecutive ids, recorded as a span:
        // reading the spans' id ranges reads the rows in storage order. The reservation
        // is bounded by the rows of the table, whatever the spans of a damaged file say.
        auto count = prepare(
            "SELECT min((SELECT total(last_id - first_id + 1) FROM declaration_spans WHERE wave = ?1), "
            "(SELECT count(*) FROM declarations))");
        count.bind(1, wave);
        if (count.step()) arcs.reserve(static_cast<std::size_t>(std::max(0.0, count.real(0))));
        count.reset();
        auto s =
            prepare(std::string("SELECT d.id, d.declarer, d.partner, d.type, d.direction, d.intensity, d.start_date, "
                                "d.end_date") +
                    kWaveDeclarations + " AND d.partner IS NOT NULL");
        s.bind(1, wave);
        s.rows_of("declarations", "id");
        while (s.step()) {
            const auto a = s.ref(1, structure_index, "structures");
            const auto b = s.ref(2, structure_index, "structures");
            if (a == b) s.bad(2, "the declarer itself");
            const auto type = s.ref(3, type_index, "link_types");
            const auto dir = stored_direction(s, 4);
            double w = 1.0;
            if (const int kind = s.type(5); kind != SQLITE_NULL) {  // (the type before any conversion)
                if (kind != SQLITE_FLOAT && kind != SQLITE_INTEGER) s.bad(5, "not a number > 0");
                w = s.real(5);
                if (!(std::isfinite(w) && w > 0)) s.bad(5, "not a number > 0");
            }
            const auto st = s.is_null(6) ? 0 : date(s, 6);
            const auto en = s.is_null(7) ? UINT32_MAX : date(s, 7);
            if (st && en != UINT32_MAX && compare_dates(d.dates[en], d.dates[st]) < 0)
                s.bad(7, "before the start date " + d.dates[st]);
            d.participates[a] = d.participates[b] = 1;
            if (!d.type_directed[type]) {
                if (a < b) arcs.push_back(Arc{a, b, type, 1, w, st, en});
                else arcs.push_back(Arc{b, a, type, 2, w, st, en});
            } else {
                if (dir == dir_out || dir == dir_both) arcs.push_back(Arc{a, b, type, 1, w, st, en});
                if (dir == dir_in || dir == dir_both) arcs.push_back(Arc{b, a, type, 2, w, st, en});
            }
        }
    }
    d.responded = std::move(responded);
    return d;
}

/// Declares the link-type vocabulary in a network: each type's direction, and its
/// label, family and other attributes (label_fr, label_en, description...).
void Inventory::Impl::declare_link_types(Network& net) const {
    std::vector<std::pair<std::int64_t, std::uint32_t>> at;  // link_types.id -> network type
    {
        auto s = prepare("SELECT id, code, label, family, directed FROM link_types ORDER BY id");
        s.rows_of("link_types", "id");
        while (s.step()) {
            Attributes a;
            if (auto label = s.opt_text(2)) a.emplace("label", std::string(*label));
            if (auto family = s.opt_text(3)) a.emplace("family", std::string(*family));
            at.emplace_back(s.id(0), net.set_link_type(s.text(1, TextRule::identifier), s.flag(4), std::move(a)));
        }
    }
    auto s = prepare("SELECT type, name, value FROM link_type_attributes ORDER BY type, name");
    s.rows_of("link_type_attributes", "type, name");
    while (s.step()) {
        const auto it = std::lower_bound(at.begin(), at.end(), std::pair{s.integer(0), std::uint32_t{0}});
        if (s.type(0) != SQLITE_INTEGER || it == at.end() || it->first != s.integer(0))
            s.bad(0, "not the id of a row of link_types");
        Attributes a;
        a.emplace(std::string(s.text(1, TextRule::identifier)), std::string(s.text(2)));
        net.set_link_type(net.type_names()[it->second], std::nullopt, std::move(a));
    }
}

namespace {
/// Adds a stored structure to a network, with siren, rna, legal_family and the wave's
/// response status (when not empty) as attributes.
void add_structure_row(Network& net, StructureRow& s, const std::string& response) {
    Attributes a = std::move(s.attributes);
    if (s.siren) a.insert_or_assign("siren", *s.siren);
    if (s.rna) a.insert_or_assign("rna", *s.rna);
    if (s.legal_family) a.insert_or_assign("legal_family", *s.legal_family);
    if (!response.empty()) a.insert_or_assign("response", response);
    net.add_structure(std::move(s.code), std::move(s.name), std::move(a), std::move(s.aliases));
}
}  // namespace

/// The network of a wave (Inventory::network). After the scan of the declarations
/// (SQLite), two threads: this one reads the structures' rows (SQLite again: the
/// connection is used by one thread) and adds those taking part to the network,
/// while a worker merges the arcs into links and lays them out for add_links.
Network Inventory::Impl::network(const std::string& wave, View view) const {
    std::vector<Arc> arcs;
    Derived d = scan(wave, arcs);
    const auto n = d.structures.size();
    std::vector<index_t> remap(n, UINT32_MAX);
    index_t ns = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (d.participates[i]) remap[i] = ns++;
    LinkColumns cols;
    std::exception_ptr failure;
    std::jthread worker([&] {
        try {
            merge(d, arcs);
            std::vector<Arc>().swap(arcs);
            cols = link_columns(d, view, remap);
        } catch (...) {
            failure = std::current_exception();
        }
    });
    auto rows = load_structures();  // the same snapshot and order (by id) as d.structures
    if (rows.size() != n) throw storage_error(path + ": the structures changed during a read");
    Network net;
    declare_link_types(net);
    std::size_t na = 0;
    for (std::size_t i = 0; i < n; ++i) na += d.participates[i] ? rows[i].aliases.size() : 0;
    net.reserve(ns, 0, na);
    for (std::size_t i = 0; i < n; ++i)
        if (d.participates[i]) add_structure_row(net, rows[i], d.response[i]);
    worker.join();
    if (failure) std::rethrow_exception(failure);
    net.add_links(std::move(cols));
    return net;
}

std::vector<DerivedLink> Inventory::links(const std::string& wave, View view) const {
    Impl::ReadTx tx(impl_.get());
    auto d = impl_->derive(wave);
    std::vector<DerivedLink> out;
    for (const auto& l : d.links) {
        if (!keep(view, l.status)) continue;
        DerivedLink x;
        x.source = d.structures[l.s].code;
        x.target = d.structures[l.t].code;
        x.type = d.types[l.type];
        x.directed = d.type_directed[l.type];
        x.weight = l.weight;
        x.start = d.dates[l.start];
        x.end = d.dates[l.end];
        x.status = status_names[l.status];
        if (l.bits & 1) x.declared_by.push_back(x.source);
        if (l.bits & 2) x.declared_by.push_back(x.target);
        x.declarations = l.n;
        out.push_back(std::move(x));
    }
    return out;
}

Network Inventory::roster() const {
    Impl::ReadTx tx(impl_.get());
    try {
        auto rows = impl_->load_structures();
        Network net;
        impl_->declare_link_types(net);
        std::size_t na = 0;
        for (const auto& r : rows) na += r.aliases.size();
        net.reserve(static_cast<index_t>(rows.size()), 0, na);
        const std::string none;
        for (auto& r : rows) add_structure_row(net, r, none);
        return net;
    } catch (const input_error& e) {
        stored_data_error(impl_->path, e);
    }
}

Network Inventory::network(const std::string& wave, View view) const {
    Impl::ReadTx tx(impl_.get());
    try {
        return impl_->network(wave, view);
    } catch (const input_error& e) {
        stored_data_error(impl_->path, e);
    }
}

}  // namespace coopmap
