// The public Inventory (coopmap/store.hpp): construction, closing, and the small queries.
#include <limits>

#include "store/impl.hpp"

namespace coopmap {

View parse_view(std::string_view name) {
    if (name == "union") return View::union_;
    if (name == "confirmed") return View::confirmed;
    if (name == "reconstructed") return View::reconstructed;
    throw input_error("unknown view '" + std::string(name) + "' (expected union, confirmed or reconstructed)");
}

std::string_view view_name(View v) noexcept {
    switch (v) {
        case View::union_: return "union";
        case View::confirmed: return "confirmed";
        case View::reconstructed: return "reconstructed";
    }
    return "union";
}

namespace store {

void stored_data_error(const std::string& path, const input_error& e) {
    throw storage_error(path + ": the inventory is damaged or was edited by another program (" + std::string(e.what()) +
                        "); restore it from a copy");
}

}  // namespace store

Inventory::Inventory(const std::string& path, const InventoryOptions& options) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (path.empty()) throw input_error("Inventory: the path must not be empty");
    impl_->open(options);
}
Inventory::~Inventory() = default;
Inventory::Inventory(Inventory&&) noexcept = default;
Inventory& Inventory::operator=(Inventory&&) noexcept = default;

const std::string& Inventory::path() const noexcept { return impl_->path; }

void Inventory::close() {
    if (impl_->db) {
        sqlite3_close_v2(impl_->db);
        impl_->db = nullptr;
    }
}

ImportReport Inventory::import_csv(const ImportFiles& files) { return impl_->import_csv(files); }

ResponseCounts Inventory::response_rate(const std::string& wave) const {
    const auto w = impl_->require_wave(wave);
    ResponseCounts r;
    r.wave = wave;
    // (min(structure): a row holding the status, named when the status is none of the four)
    auto s =
        impl_->prepare("SELECT wave, min(structure), status, count(*) FROM responses WHERE wave = ? GROUP BY status");
    s.bind(1, w);
    s.rows_of("responses", "wave, structure");
    while (s.step()) {
        const auto st = s.bytes(2);
        const auto n = static_cast<std::size_t>(s.integer(3));
        if (st == "complete") r.complete = n;
        else if (st == "partial") r.partial = n;
        else if (st == "refused") r.refused = n;
        else if (st == "unreached") r.unreached = n;
        else s.bad(2, "not complete, partial, refused or unreached");
        r.surveyed += n;
    }
    r.rate = r.surveyed ? static_cast<double>(r.complete + r.partial) / static_cast<double>(r.surveyed)
                        : std::numeric_limits<double>::quiet_NaN();
    return r;
}

std::vector<std::string> Inventory::waves() const {
    std::vector<std::string> out;
    auto s = impl_->prepare("SELECT code FROM waves ORDER BY id");
    while (s.step()) out.emplace_back(s.text(0));
    return out;
}

std::vector<LinkTypeInfo> Inventory::link_types() const {
    std::vector<LinkTypeInfo> out;
    auto s = impl_->prepare("SELECT id, code, label, family, directed FROM link_types ORDER BY id");
    s.rows_of("link_types", "id");
    while (s.step())
        out.push_back(LinkTypeInfo{std::string(s.text(1)), std::string(s.text(2)), std::string(s.text(3)), s.flag(4)});
    return out;
}

std::vector<std::pair<std::string, std::size_t>> Inventory::counts() const {
    std::vector<std::pair<std::string, std::size_t>> out;
    Impl::ReadTx tx(impl_.get());  // every count from one snapshot, even while another process imports
    for (const char* t :
         {"structures", "aliases", "groups", "affiliations", "link_types", "waves", "responses", "declarations"}) {
        auto s = impl_->prepare(std::string("SELECT count(*) FROM ") + t);  // fixed table names, no user input
        s.step();
        out.emplace_back(t, static_cast<std::size_t>(s.integer(0)));
    }
    return out;
}

}  // namespace coopmap
