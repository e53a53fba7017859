#pragma once
/// \file io.hpp
/// Reading and writing networks as CSV files (RFC 4180).
///
/// Structures file: column `id` (required); `name`; `aliases` (separated by `|`); every
/// other column is a typed attribute. Links file: `source` and `target` (required,
/// structure ids or aliases); `type` (default "cooperation"); `weight` (finite, > 0,
/// default 1 when the column is absent or the cell empty); `start`, `end` (ISO dates);
/// `status`; every other column is a typed attribute.
///
/// Typing of attribute columns, from their unquoted non-empty cells: all integers ->
/// int; all numbers -> float (no leading zero, so identifiers such as "01234" stay
/// text; nan, inf, -inf allowed); all true/false (any case) -> bool; otherwise text. A
/// quoted cell is always text. An empty unquoted cell means "no attribute"; a quoted
/// empty cell ("") is the empty string.
///
/// Files: UTF-8 with or without BOM; separator `,`, `;` or tab, detected from the
/// header line unless given; quoted fields may hold separators, doubled quotes and line
/// breaks; LF, CRLF or CR line ends; blank lines are skipped; surrounding spaces of
/// unquoted fields are trimmed. With `;` as separator a decimal comma ("2,5") is read
/// as a decimal point in numbers.
///
/// Every problem raises parse_error naming the file, the line (of the record's start;
/// the header is line 1) and the column (number and name); a cell quoted in the message
/// is cut to 80 bytes and its size given. Cells follow the input rules of network.hpp
/// (TextRule): ids, aliases, type codes, statuses and header names without control
/// characters, U+FFFE or U+FFFF; names and values XML 1.0 text; a refused character is
/// a parse_error naming its code point. Nothing partially read is returned. Reading is
/// streaming (1 MiB chunks): memory is the network plus the raw attribute cells, each
/// record costs O(fields) expected time, so reading is linear in the file size. Fields
/// have no size limit besides memory. The delimiter option must not be a quote or a
/// line break (input_error).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coopmap/network.hpp"

namespace coopmap {

struct CsvReadOptions {
    /// Default direction of the link types the link types file does not declare (all of
    /// them when there is no such file).
    bool directed = false;
    char delimiter = 0;  ///< 0: detect from the header line
    /// Optional link types file (empty: none): `code` (required), `directed`
    /// (true/false; empty cell: the default above), any other column a text attribute
    /// of the type (label, label_fr, label_en, family, description...). With it, every
    /// link's type must be one of its codes (a parse_error names the unknown type and
    /// the known ones, closest first), and each type is directed or not as it says: a
    /// network mixing undirected and directed types is mixed (see network.hpp).
    std::string link_types;
};

/// Reads a network from a structures file and an optional links file (empty path: none).
Network read_csv(const std::string& structures_path, const std::string& links_path = {},
                 const CsvReadOptions& options = {});

/// The same as read_csv on the contents of the two files, given in memory (no links
/// file when links_csv is nullopt; an empty string is an empty file, an error). Error
/// messages name "<structures>" or "<links>" as the file. Used by the fuzz target
/// (tests/fuzz/fuzz_csv.cpp) and handy for CSV text that never was a file.
Network read_csv_text(std::string_view structures_csv, std::optional<std::string_view> links_csv = std::nullopt,
                      const CsvReadOptions& options = {});

/// Reads a responses file (columns `structure`, `status`; nothing else) against a
/// network: (structure index, status) per row, in file order. The same rules as the
/// Inventory's import of responses: the structure must be an id or alias of the network,
/// the status complete, partial, refused or unreached, and no structure may answer
/// twice; every error is a parse_error naming the file, line and column (invalid UTF-8
/// included). delimiter 0: detected. O(rows).
std::vector<std::pair<index_t, std::string>> read_responses(const Network& net, const std::string& path,
                                                            char delimiter = 0);

struct CsvWriteOptions {
    char delimiter = ',';
    /// Also write every link type (code, directed, then its attributes) to this file;
    /// empty: not written. read_csv with the same file gives back the same types.
    std::string link_types;
};

/// Writes the network in the format read_csv reads. The round trip is lossless — ids,
/// names, aliases, attribute values and types, link types, weights, dates, statuses —
/// because strings that would read back as another type are quoted. Types are per
/// column, as in a data frame: an attribute holding ints on some structures and floats
/// on others reads back as floats (equal values), one mixing booleans with other
/// non-string values reads back as text. Each file
/// is written to a temporary file beside it and renamed over the target, so an existing
/// file is never left half-written. An empty path skips that file (options.link_types
/// writes the link types file too). Header names holding
/// any of `,` `;` TAB are quoted so that the separator detection of read_csv (which
/// counts separators outside quotes on the header line) finds the one written.
void write_csv(const Network& net, const std::string& structures_path, const std::string& links_path,
               const CsvWriteOptions& options = {});

}  // namespace coopmap
