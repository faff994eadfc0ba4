//! Opening a file of answers ("Open saved answers", and a record kept on the device): the size
//! limit, the JSON reader, then the one reader the file is for — the saved-answers format
//! (`saved`) or a FHIR QuestionnaireResponse the widget wrote for the study team (`fhir`).
//!
//! The dispatcher sits above both readers, which share what reading gives (`imported`), so no two
//! of these modules import each other.

use super::imported::{ImportError, Imported};
use super::json::Json;
use super::model::Trial;

/// Anything larger is not a saved-answers file (a full one is about 2 KB).
pub const MAX_BYTES: usize = 1_000_000;

/// Reads a saved-answers file, stored record or FHIR QuestionnaireResponse for `trial`. Never
/// panics: a file refused whole says why; inside a good file each answer is checked on its own.
pub fn from_json(text: &str, trial: &Trial) -> Result<Imported, ImportError> {
    if text.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let file = Json::parse(text).ok_or(ImportError::NotJson)?;
    let Json::Object(_) = file else {
        return Err(ImportError::NotAnswersFile);
    };
    // A FHIR QuestionnaireResponse the widget wrote for the study team opens the same way.
    if file.get("resourceType").is_some() {
        super::fhir::read_response(&file, trial)
    } else {
        super::saved::read_file(&file, trial)
    }
}
