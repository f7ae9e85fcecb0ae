/// Every diagnostic id NetTwin emits, in one place. Ids are stable: scripts may match on them.
public enum DiagnosticID {
    // Reading inputs
    public static let fileUnreadable = "input.file.unreadable"
    public static let jsonSyntax = "input.json.syntax"
    public static let formatUnrecognised = "input.format.unrecognised"
    public static let templateNotExpanded = "input.template.notExpanded"
    public static let parametersFile = "input.parameters.file"
    public static let templateExpanded = "input.template.expanded"
    public static let deployTimeValue = "input.template.deployTimeValue"
    public static let noInputFiles = "input.folder.empty"
    // Resource documents
    public static let resourceNotObject = "input.resource.notObject"
    public static let resourceMissingField = "input.resource.missingField"
    public static let resourceDuplicate = "input.resource.duplicate"
    public static let resourceIDMalformed = "input.resource.malformedID"
    public static let typeMismatch = "input.value.typeMismatch"
    public static let enumValueUnknown = "input.value.unknownEnum"
    public static let unmodelledType = "model.type.unmodelled"
    public static let externalReference = "model.reference.external"
    public static let childWithoutParent = "model.child.parentMissing"
    // Addresses and ports
    public static let invalidPrefix = "model.address.invalidPrefix"
    public static let prefixHostBits = "model.address.hostBitsSet"
    public static let invalidAddress = "model.address.invalid"
    public static let invalidPort = "model.port.invalid"
    public static let invalidProtocol = "model.protocol.invalid"
    // Validation mirroring Azure's deployment validation
    public static let subnetOutsideAddressSpace = "model.subnet.outsideAddressSpace"
    public static let subnetsOverlap = "model.subnet.overlap"
    public static let peeredAddressSpacesOverlap = "model.peering.addressSpacesOverlap"
    public static let securityRulePriorityRange = "model.securityRule.priorityOutOfRange"
    public static let securityRulePriorityDuplicate = "model.securityRule.priorityConflict"
    public static let privateEndpointInDelegatedSubnet = "model.privateEndpoint.delegatedSubnet"
    public static let managedInstanceSubnetNotDelegated = "model.managedInstance.subnetNotDelegated"
    public static let gatewayNotInGatewaySubnet = "model.gateway.notInGatewaySubnet"
    public static let routeNextHopAddress = "model.route.nextHopAddress"
    public static let firewallPriorityRange = "model.firewall.priorityOutOfRange"
}
