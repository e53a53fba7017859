// Reading the inventory's tables for the other jobs: names and aliases, link types, waves, structures.
#include "store/impl.hpp"

namespace coopmap {

detail::FlatStringMap<NameRef> Inventory::Impl::load_names() const {
    detail::FlatStringMap<NameRef> names;
    {
        // sized once, where growing rehashed every entry at each doubling
        auto n = prepare("SELECT (SELECT count(*) FROM structures) + (SELECT count(*) FROM aliases)");
        if (n.step()) names.reserve(static_cast<std::size_t>(n.integer(0)));
    }
    // Ids are positive (the importer keys unresolved partners by negative numbers) and
    // every alias names a stored structure (code_of looks it up).
    auto s = prepare("SELECT id, code FROM structures");
    s.rows_of("structures", "id");
    while (s.step()) names.emplace(s.text(1), NameRef{s.id(0), false});
    auto a = prepare(
        "SELECT a.id, a.alias, a.structure, s.id IS NULL FROM aliases a LEFT JOIN structures s ON s.id = a.structure");
    a.rows_of("aliases", "id");
    while (a.step()) {
        if (a.integer(3)) a.bad(2, "not the id of a row of structures");
        names.emplace(a.text(1), NameRef{a.id(2), true});
    }
    return names;
}
StringMap<TypeRef> Inventory::Impl::load_types() const {
    StringMap<TypeRef> types;
    auto s = prepare("SELECT id, code, directed FROM link_types");
    s.rows_of("link_types", "id");
    while (s.step()) types.emplace(std::string(s.text(1)), TypeRef{s.id(0), s.flag(2)});
    return types;
}
std::optional<std::int64_t> Inventory::Impl::wave_id(const std::string& code) const {
    auto s = prepare("SELECT id FROM waves WHERE code = ?");
    s.bind(1, std::string_view(code));
    if (s.step()) return s.integer(0);
    return std::nullopt;
}
std::int64_t Inventory::Impl::require_wave(const std::string& code) const {
    if (auto w = wave_id(code)) return *w;
    std::string known;
    auto s = prepare("SELECT code FROM waves ORDER BY id");
    while (s.step()) known += (known.empty() ? "" : ", ") + std::string(s.text(0));
    throw not_found(code, "unknown wave '" + code + "' (waves: " + (known.empty() ? "none" : known) + ")");
}

/// Every structure in inventory order, with aliases and attributes.
std::vector<StructureRow> Inventory::Impl::load_structures() const {
    std::vector<StructureRow> rows;
    IdIndex index;
    auto s = prepare("SELECT id, code, name, siren, rna, legal_family FROM structures ORDER BY id");
    s.rows_of("structures", "id");
    while (s.step()) {
        if (!index.add(s.integer(0))) s.bad(0, "not a positive integer id");
        rows.push_back(StructureRow{s.integer(0),
                                    std::string(s.text(1, TextRule::identifier)),
                                    std::string(s.text(2)),
                                    s.opt_text(3),
                                    s.opt_text(4),
                                    s.opt_text(5),
                                    {},
                                    {}});
    }
    index.finish();
    // table order is id order: each structure's aliases come in the order they were added
    // (reading through the structure index would cost a table search per alias)
    auto a = prepare("SELECT id, structure, alias FROM aliases");
    a.rows_of("aliases", "id");
    while (a.step()) rows[a.ref(1, index, "structures")].aliases.emplace_back(a.text(2, TextRule::identifier));
    auto t = prepare("SELECT structure, name, kind, value FROM structure_attributes");
    t.rows_of("structure_attributes", "structure, name");
    while (t.step()) {
        const auto i = t.ref(0, index, "structures");
        rows[i].attributes.insert_or_assign(std::string(t.text(1, TextRule::identifier)), stored_attribute(t, 2, 3));
    }
    return rows;
}

}  // namespace coopmap
