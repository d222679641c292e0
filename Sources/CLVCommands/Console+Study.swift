import CLVEngine
import CLVModel

extension Console {
    /// Loads a study (or lone scenario), printing every problem and warning on standard error
    /// (the correlation warnings of `StudyChecks` among them); nil when the files have errors.
    func loadStudy(_ path: String) -> Study? {
        do {
            var study = try Loader.loadStudy(path: path)
            study.warnings = StudyChecks.warnings(study)
            for w in study.warnings { error(w.description) }
            return study
        } catch {
            for d in error.items { self.error(d.description) }
            return nil
        }
    }
}
