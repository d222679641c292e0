public import CLVModel

/// The document `clvsim sensitivity --json` writes (`clvsim-sensitivity/1`).
public struct SensitivityDocument: Sendable, Codable {
    public var schema = "clvsim-sensitivity/1"
    public var tool: ToolInfo
    public var study: String
    public var inputs: [InputFileResult]
    public var sensitivity: SensitivityResult
    public var stress: [StressResult]

    public init(study: Study, whatIf: WhatIf, stress: [Stress.Applied]) {
        tool = .current
        self.study = study.name
        inputs = study.inputs.map { InputFileResult(file: $0.path, sha256: $0.sha256) }
        sensitivity = SensitivityResult(whatIf)
        self.stress = stress.map(StressResult.init)
    }

    public func rendered() -> String { (try? JSONEncoding.encode(self))?.rendered() ?? "null\n" }
}
