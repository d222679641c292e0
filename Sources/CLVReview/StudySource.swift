public import CLVModel
import CLVAnalysis
import Foundation

/// Where one side of a diff comes from: a git revision, the working tree, or another folder.
public enum StudySource: Sendable, Hashable {
    /// The study file at a revision (`HEAD`, `origin/main`, a commit id).
    case revision(String)
    /// The files as they are on disk.
    case workingTree
    /// The same study file name in another folder (`--against DIR`), or that study file itself.
    case folder(String)

    /// How the side is named in outputs (`HEAD`, `working tree`, a folder).
    public var label: String {
        switch self {
        case .revision(let r): r
        case .workingTree: "working tree"
        case .folder(let d): d
        }
    }
}

/// One side loaded: the study, what it was read from, and the commit when it is a revision.
public struct LoadedSide: Sendable {
    public var source: StudySource
    public var study: Study
    /// The full commit id of a revision side.
    public var commit: String?
    /// Study-relative file names of the scenarios, baseline first (how plans are matched).
    public var files: [String]
}

extension StudySource {
    /// Reads `studyPath` (as named on the command line) from this source and loads it. Revision
    /// files are written into a private temporary folder (read with `git cat-file`, never checked
    /// out) and paths in the loaded study are given back as the repository names them.
    public func load(_ studyPath: String) throws(ReviewError) -> LoadedSide {
        switch self {
        case .workingTree:
            return try Self.loadFile(studyPath, side: label, source: self, commit: nil, shownAs: nil)
        case .folder(let dir):
            var isDir: ObjCBool = false
            let path = FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
                ? (dir as NSString).appendingPathComponent((studyPath as NSString).lastPathComponent) : dir
            return try Self.loadFile(path, side: label, source: self, commit: nil, shownAs: nil)
        case .revision(let rev):
            let git = try GitReader(containing: studyPath)
            let commit = try git.commit(rev)
            let absolute = URL(fileURLWithPath: studyPath).standardizedFileURL.path
            guard absolute.hasPrefix(git.root + "/") else { throw ReviewError.git("\(studyPath) is outside \(git.root)") }
            let relative = String(absolute.dropFirst(git.root.count + 1))
            let temp = FileManager.default.temporaryDirectory.appendingPathComponent("clvsim-diff-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: temp) }
            // Every YAML file of the revision: a study may reach outside its folder (`../shared/…`).
            let entries = try git.files(commit, extensions: ["yaml", "yml"])
            guard entries.contains(where: { $0.path == relative }) else {
                throw ReviewError.git("\(relative) does not exist at \(rev)")
            }
            let wanted = entries.filter { $0.size <= 10 << 20 }
            for (e, data) in zip(wanted, try git.blobs(wanted.map(\.object))) {
                let url = temp.appendingPathComponent(e.path)
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url)
                } catch {
                    throw ReviewError.git("cannot write \(url.path): \(error.localizedDescription)")
                }
            }
            return try Self.loadFile(temp.appendingPathComponent(relative).path, side: "\(rev) (\(commit.prefix(12)))",
                                     source: self, commit: commit, shownAs: (temp.path + "/", "\(rev):"))
        }
    }

    static func loadFile(_ path: String, side: String, source: StudySource, commit: String?,
                         shownAs prefix: (String, String)?) throws(ReviewError) -> LoadedSide {
        var study: Study
        do { study = try StudyPipeline.load(path) } catch {
            guard case .invalidInput(var d) = error else { throw ReviewError.runFailed(error.lines.joined(separator: "\n")) }
            if let prefix { for i in d.indices { d[i].location.file = d[i].location.file.replacingPrefix(prefix.0, with: prefix.1) } }
            throw ReviewError.invalidInput(side: side, d)
        }
        let dir = (study.file as NSString).deletingLastPathComponent
        let files = study.scenarios.map { sc in
            sc.file.hasPrefix(dir + "/") ? String(sc.file.dropFirst(dir.count + 1)) : sc.file
        }
        if let prefix {
            study.file = study.file.replacingPrefix(prefix.0, with: "")
            for i in study.inputs.indices { study.inputs[i].path = study.inputs[i].path.replacingPrefix(prefix.0, with: "") }
            study.baseline.file = study.baseline.file.replacingPrefix(prefix.0, with: "")
            for k in study.plans.indices { study.plans[k].file = study.plans[k].file.replacingPrefix(prefix.0, with: "") }
        }
        return LoadedSide(source: source, study: study, commit: commit, files: files)
    }
}

extension String {
    func replacingPrefix(_ p: String, with r: String) -> String { hasPrefix(p) ? r + dropFirst(p.count) : self }
}
