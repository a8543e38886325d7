// Reading submitted files safely: never through a symbolic link, never a
// device, FIFO or socket; decoded to UTF-8 with the [encoding] rules.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostic.h"

namespace creditgen::load {

/// What kind of directory entry a path is, without following links.
enum class EntryType { missing, regular, directory, symlink, special };
EntryType entry_type(const std::filesystem::path& p);
/// The same for an entry met while listing a folder: the type the listing
/// reported (d_type) is used when there is one, so a listing costs no
/// system call per entry; otherwise lstat() as above.
EntryType entry_type(const std::filesystem::directory_entry& e);

/// Reads a regular file's bytes (O_NOFOLLOW). nullopt when it cannot be read.
std::optional<std::string> read_bytes(const std::filesystem::path& p);

/// Reads and decodes a text file: UTF-8 (BOM, CRLF accepted) as is, GB18030
/// with a warning [encoding], anything else an error [encoding] → nullopt.
/// `shown` is the path used in diagnostics.
std::optional<std::string> read_text_file(const std::filesystem::path& p, const std::string& shown,
                                          Diagnostics& diags);

/// The shown path of a file: `shown_root` joined with the relative path, '/'-separated.
std::string shown_path(const std::string& shown_root, const std::string& relative);

}  // namespace creditgen::load
