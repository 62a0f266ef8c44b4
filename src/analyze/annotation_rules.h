// The annotations Cepheus knows, where each belongs and which keys it takes. Siddhi ignores
// annotations it does not know, so a misspelt one changes an app silently (`@app:playbak` runs
// it on the wall clock): whatever is not known is reported as a warning, with the known name
// it most likely misspells.
#pragma once

#include <vector>

#include "cepheus/diagnostic.h"
#include "parse/ast.h"

namespace cepheus::analyze {

// What an annotation is written on.
enum class AnnotationPlace { App, Stream, Table, Window, Trigger, Aggregation, Function, Query, Partition };

// Appends a warning for each annotation, nested annotation and key that has no meaning where
// it is written. Errors (an annotation Cepheus knows but cannot run) are reported elsewhere.
void checkAnnotations(const std::vector<ast::Annotation>& annotations, AnnotationPlace place,
                      Diagnostics& warnings);

}  // namespace cepheus::analyze
