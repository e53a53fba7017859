// libFuzzer target for the CSV reader and writer (coopmap/io.hpp).
//
// Input: the structures file, optionally followed by a NUL byte and the links file.
// An input starting with the byte 0x01 has an options byte next: bit 0 directed,
// bits 1-2 the read delimiter (0 detect, 1 ',', 2 ';', 3 tab), bits 3-4 the write
// delimiter of the round trip (0 and 3 ',', 1 ';', 2 tab).
// Property 1: read_csv_text either returns a network or throws coopmap::error; any
//   other exception, a crash, a hang or a sanitizer report is a finding.
// Property 2: when the read succeeds, write_csv followed by read_csv gives the same
//   network back (ids, names, aliases, typed attributes, link fields), as io.hpp
//   promises; a difference aborts.
// Run: scripts/fuzz.sh csv SECONDS (builds build/fuzz with clang; see the README).
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "coopmap/io.hpp"

namespace {

[[noreturn]] void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz_csv finding: %s\n", what.c_str());
    std::abort();
}

/// Values equal with their type; NaN equals NaN (written "nan", read back as NaN).
bool same_value(const coopmap::Value& a, const coopmap::Value& b) {
    if (a.index() != b.index()) return false;
    if (auto x = std::get_if<double>(&a)) {
        const double y = std::get<double>(b);
        return (std::isnan(*x) && std::isnan(y)) || *x == y;
    }
    return a == b;
}

bool same_attributes(const coopmap::Attributes& a, const coopmap::Attributes& b) {
    if (a.size() != b.size()) return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
        if (i->first != j->first || !same_value(i->second, j->second)) return false;
    return true;
}

void check_same(const coopmap::Network& a, const coopmap::Network& b) {
    if (a.number_of_structures() != b.number_of_structures()) finding("round trip: structure count differs");
    if (a.number_of_links() != b.number_of_links()) finding("round trip: link count differs");
    for (std::size_t i = 0; i < a.number_of_structures(); ++i) {
        const auto &s = a.structures()[i], &t = b.structures()[i];
        if (s.id != t.id || s.name != t.name || s.aliases != t.aliases)
            finding("round trip: structure '" + s.id + "' differs in id, name or aliases");
        if (!same_attributes(s.attributes, t.attributes))
            finding("round trip: attributes of structure '" + s.id + "' differ");
    }
    for (std::size_t k = 0; k < a.number_of_links(); ++k) {
        const auto &l = a.links()[k], &m = b.links()[k];
        if (l.source != m.source || l.target != m.target || a.type_name(l) != b.type_name(m) || l.weight != m.weight ||
            a.start(l) != b.start(m) || a.end(l) != b.end(m) || a.status_name(l) != b.status_name(m))
            finding("round trip: link " + std::to_string(k) + " differs");
        if (!same_attributes(a.attributes(l), b.attributes(m)))
            finding("round trip: attributes of link " + std::to_string(k) + " differ");
    }
}

const std::string& scratch_dir() {
    static const std::string dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("coopmap_fuzz_csv_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d.string();
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    coopmap::CsvReadOptions read_options;
    coopmap::CsvWriteOptions write_options;
    if (in.size() >= 2 && in[0] == '\x01') {
        const auto opts = static_cast<unsigned char>(in[1]);
        static constexpr char kRead[] = {0, ',', ';', '\t'};
        static constexpr char kWrite[] = {',', ';', '\t', ','};
        read_options.directed = (opts & 1) != 0;
        read_options.delimiter = kRead[(opts >> 1) & 3];
        write_options.delimiter = kWrite[(opts >> 3) & 3];
        in.remove_prefix(2);
    }
    const auto nul = in.find('\0');
    const std::string_view structures = in.substr(0, nul);
    std::optional<std::string_view> links;
    if (nul != std::string_view::npos) links = in.substr(nul + 1);

    coopmap::Network net;
    try {
        net = coopmap::read_csv_text(structures, links, read_options);
    } catch (const coopmap::error&) {
        return 0;  // a clean rejection
    }
    // Round trip through real files (write_csv writes atomically beside the target).
    const std::string s = scratch_dir() + "/s.csv", l = scratch_dir() + "/l.csv";
    try {
        coopmap::write_csv(net, s, l, write_options);
        // Read back as a user would: delimiter detected from the header.
        const auto back = coopmap::read_csv(s, l, coopmap::CsvReadOptions{read_options.directed, 0});
        check_same(net, back);
    } catch (const coopmap::error& e) {
        finding(std::string("round trip of an accepted input failed: ") + e.what());
    }
    return 0;
}
