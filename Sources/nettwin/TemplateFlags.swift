import ArgumentParser
import NetTwinARM

/// Flags that control how ARM templates among the inputs are expanded.
struct TemplateFlags: ParsableArguments {
    @Option(name: .long, help: "ARM parameters file for the template (default: NAME.parameters.json beside NAME.json, when given too).")
    var parameters: String?

    @Option(name: .customShort("p"), parsing: .singleValue, help: ArgumentHelp("A template parameter value, name=value (JSON when it parses as JSON, else a string). Repeatable.", valueName: "name=value"))
    var parameterValues: [String] = []

    @Option(name: .long, help: "Subscription ID of the deployment (default 00000000-0000-0000-0000-000000000000).")
    var subscription: String?
    @Option(name: .long, help: "Resource group of the deployment (default nettwin-rg).")
    var resourceGroup: String?
    @Option(name: .long, help: "Location of the resource group (default westeurope).")
    var location: String?
    @Option(name: .long, help: "Tenant ID (default 00000000-0000-0000-0000-000000000000).")
    var tenant: String?
    @Option(name: .customLong("map-uri"), parsing: .singleValue, help: ArgumentHelp("Read linked templates under a URI prefix from a local folder: PREFIX=FOLDER (for example https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/quickstarts/x/=./x). Repeatable; the longest prefix wins.", valueName: "prefix=folder"))
    var uriMappings: [String] = []
    @Flag(name: .long, help: "A required parameter without a value is an error, as in a real deployment (default: an unknown value and a warning).")
    var strict = false

    func options() throws -> TemplateOptions {
        var options = TemplateOptions()
        options.parametersPath = parameters
        for text in parameterValues {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                // Not quoted: what was given may be a password typed without its name.
                throw ValidationError("-p expects name=value, found a value of \(text.count) characters without a name before '='")
            }
            options.overrides[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        if let subscription { options.context.subscriptionId = subscription }
        if let resourceGroup { options.context.resourceGroup = resourceGroup }
        if let location { options.context.location = location }
        if let tenant { options.context.tenantId = tenant }
        options.context.strict = strict
        for text in uriMappings {
            // The prefix is a URI (it holds ':'), so split at the last '=' before the folder.
            guard let equals = text.lastIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw ValidationError("--map-uri expects prefix=folder, found '\(text)'")
            }
            options.context.templateURIMappings[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return options
    }
}
