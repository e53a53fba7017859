// The C++ quick start: build a small network, read the bundled PTCE dataset, look at
// its simple view. Run: ./quickstart [path/to/datasets/ptce-sicoval-2013]
#include <coopmap/coopmap.hpp>

#include <iostream>

int main(int argc, char** argv) {
    coopmap::Network net;  // undirected; coopmap::Network(true) is directed
    net.add_structure("ies", "IES",
                      {{"legal_family", std::string("association")}, {"tenancy", std::string("permanent")}});
    net.add_structure("bge", "BGE", {{"tenancy", std::string("part-time")}});
    net.add_link("ies", "bge", {.type = "shared_premises", .weight = 2.0});
    std::cout << net.number_of_structures() << " structures, " << net.number_of_links() << " link\n";

    if (argc > 1) {
        const std::string dir = argv[1];
        try {
            auto ptce = coopmap::read_csv(dir + "/structures.csv", dir + "/links.csv");
            auto g = coopmap::simple_view(ptce);  // parallel links summed
            std::cout << ptce.number_of_structures() << " structures, " << ptce.number_of_links() << " links, "
                      << g.number_of_edges() << " connected pairs\n";
            for (const auto& t : ptce.link_types()) std::cout << "  type " << t << "\n";
        } catch (const coopmap::parse_error& e) {
            std::cerr << e.what() << "\n";  // names the file, line and column
            return 1;
        }
    }
    return 0;
}
