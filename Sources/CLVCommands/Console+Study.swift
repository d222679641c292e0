import CLVModel

extension Console {
    /// Loads a study (or lone scenario), printing every problem and warning on standard error;
    /// nil when the files have errors.
    func loadStudy(_ path: String) -> Study? {
        do {
            let study = try Loader.loadStudy(path: path)
            for w in study.warnings { error(w.description) }
            return study
        } catch {
            for d in error.items { self.error(d.description) }
            return nil
        }
    }
}
