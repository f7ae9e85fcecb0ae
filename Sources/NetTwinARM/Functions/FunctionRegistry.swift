/// A built-in template function.
struct FunctionDef: Sendable {
    typealias Eager = @Sendable ([ARMValue], CallSite) throws(ARMError) -> ARMValue
    typealias Lazy = @Sendable ([ExpressionNode], CallSite) throws(ARMError) -> ARMValue
    enum Body: Sendable {
        /// Arguments evaluated first (an unknown argument makes the result unknown unless
        /// `propagatesUnknown` is false).
        case eager(Eager)
        /// Arguments evaluated by the function (`if`, `and`, `lambda`, …).
        case lazy(Lazy)
    }
    var minArgs: Int
    var maxArgs: Int?
    var propagatesUnknown = true
    var body: Body

    static func eager(_ min: Int, _ max: Int?, unknowns propagate: Bool = true, _ f: @escaping Eager) -> FunctionDef {
        FunctionDef(minArgs: min, maxArgs: max, propagatesUnknown: propagate, body: .eager(f))
    }
    static func lazy(_ min: Int, _ max: Int?, _ f: @escaping Lazy) -> FunctionDef {
        FunctionDef(minArgs: min, maxArgs: max, propagatesUnknown: false, body: .lazy(f))
    }
}

/// All built-in functions by lower-cased name.
enum FunctionRegistry {
    static let table: [String: FunctionDef] = {
        var t: [String: FunctionDef] = [:]
        let families: [[String: FunctionDef]] = [
            AnyFunctions.all, ArrayFunctions.all, CIDRFunctions.all, ComparisonFunctions.all, DateFunctions.all,
            DeploymentFunctions.all, LambdaFunctions.all, LogicalFunctions.all, NumericFunctions.all,
            ObjectFunctions.all, ResourceFunctions.all, ScopeFunctions.all, StringFunctions.all,
        ]
        for family in families {
            for (k, v) in family { t[k.lowercased()] = v }
        }
        return t
    }()

    static func lookup(_ name: String) -> FunctionDef? { table[name.lowercased()] }

    /// Lower-cased names of every built-in function.
    static var names: [String] { table.keys.sorted() }
}
