// app/workspace/source_kinds.h — the kinds of source a panel may show, each with its reader and
// writer. Adding a kind: its value and spec struct in workspace.h, a reader and a writer in
// source_kinds.cpp and one row in its kSourceKinds table; the rest of the module follows.
#pragma once

#include <nlohmann/json.hpp>

#include "app/workspace/json_fields.h"
#include "app/workspace/workspace.h"

namespace wv::app {

// Reads a panel's "source" object; an unknown "kind" is refused with the known ones listed.
SourceSpec read_source(const Field& source);
nlohmann::ordered_json write_source(const SourceSpec& source);

}  // namespace wv::app
