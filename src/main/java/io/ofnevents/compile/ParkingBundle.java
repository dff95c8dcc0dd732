package io.ofnevents.compile;

import io.ofnevents.model.ResourceId;
import java.util.Map;

/**
 * What `ofn-events parked` runs to reach parked events without the Trigger's runtime: the delivery
 * routes of each Trigger's subscribers and the `ofn-bus:` endpoint URI of its parking subject (with
 * secrets as placeholders).
 */
public record ParkingBundle(Bundle deliveries, Map<ResourceId, String> parkingEndpoints) {}
