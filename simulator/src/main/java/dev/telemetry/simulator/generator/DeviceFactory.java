package dev.telemetry.simulator.generator;

import dev.telemetry.model.Family;

/**
 * Creates the devices of a simulation and the reading buffers of their families. Holds the
 * tick-dependent physics coefficients, computed once and shared by every device of a family.
 */
public final class DeviceFactory {

    private final EngineModel.Params engine;
    private final VehicleModel.Params vehicle;
    private final FlightModel.Params flight;
    private final EnergyModel.Params energy;
    private final long startTimeMillis;

    /**
     * @param dtSeconds time between two readings of a device
     * @param startTimeMillis event time of the first tick, for models that follow the clock (sun)
     */
    public DeviceFactory(double dtSeconds, long startTimeMillis) {
        this.engine = new EngineModel.Params(dtSeconds);
        this.vehicle = new VehicleModel.Params(dtSeconds);
        this.flight = new FlightModel.Params(dtSeconds);
        this.energy = new EnergyModel.Params(dtSeconds);
        this.startTimeMillis = startTimeMillis;
    }

    /**
     * A device at a deterministic random point of its operating cycle.
     *
     * @param family its family
     * @param index its index within the family, from 0; determines the device id
     * @param seed its seed, see {@link Seeds#forDevice}
     */
    public DeviceModel create(Family family, int index, long seed) {
        return switch (family) {
            case ENGINE -> new EngineModel(engine, index, seed);
            case VEHICLE -> new VehicleModel(vehicle, index, seed);
            case FLIGHT -> new FlightModel(flight, index, seed);
            case ENERGY -> new EnergyModel(energy, index, seed, startTimeMillis);
        };
    }

    /** The device id of the device with this index. */
    public static String deviceId(Family family, int index) {
        return switch (family) {
            case ENGINE -> EngineModel.deviceId(index);
            case VEHICLE -> VehicleModel.deviceId(index);
            case FLIGHT -> FlightModel.deviceId(index);
            case ENERGY -> EnergyModel.deviceId(index);
        };
    }

    /** A reusable reading buffer with the family's reporting resolution. */
    public static Reading newReading(Family family) {
        return switch (family) {
            case ENGINE -> EngineModel.newReading();
            case VEHICLE -> VehicleModel.newReading();
            case FLIGHT -> FlightModel.newReading();
            case ENERGY -> EnergyModel.newReading();
        };
    }
}
