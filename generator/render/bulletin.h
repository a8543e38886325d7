// The month's 通报: a Word document in the layout of GB/T 9704 (党政机关公文格式)
// that the office edits in WPS or Word, then signs and issues. Made from
// templates/bulletin/*.mustache (the parts of the .docx) and the month's
// scores and analysis; packed by docx_package, so the same month gives the
// same bytes.
#pragma once

#include <string>

#include "render/templates.h"
#include "render/view_model.h"

namespace creditgen::render {

/// The .docx bytes; empty when the month is not scored.
std::string render_bulletin(const SiteInput& in, const MonthView& mv, PageRenderer& renderer);

}  // namespace creditgen::render
