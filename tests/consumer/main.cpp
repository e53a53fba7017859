// Consumer of the installed library: reads a dataset and checks its counts.
// Usage: consumer STRUCTURES.csv LINKS.csv EXPECTED_STRUCTURES EXPECTED_LINKS
#include <coopmap/coopmap.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 5) return 2;
    auto net = coopmap::read_csv(argv[1], argv[2]);
    auto g = coopmap::simple_view(net);
    std::cout << net.number_of_structures() << " structures, " << net.number_of_links() << " links, "
              << g.number_of_edges() << " edges\n";
    return net.number_of_structures() == std::stoul(argv[3]) && net.number_of_links() == std::stoul(argv[4]) ? 0 : 1;
}
