package dev.telemetry.simulator.generator;

import static dev.telemetry.simulator.generator.Dynamics.clamp;
import static dev.telemetry.simulator.generator.Dynamics.uniform;

import dev.telemetry.model.Family;
import dev.telemetry.model.Metrics;
import dev.telemetry.model.TelemetryJson;
import dev.telemetry.model.label.AnomalyType;
import dev.telemetry.simulator.anomaly.ActiveAnomaly;
import dev.telemetry.simulator.generator.Airports.Airport;

/**
 * An aircraft reporting OpenSky-style state vectors: device id = ICAO 24-bit address (6 lowercase
 * hex digits), attribute {@code callsign}. It flies between real airports of a small table along
 * great circles: {@code at_gate} (20–45 min) → {@code taxi} (3–8 min) → {@code takeoff} (ground
 * roll at 2 m/s² to 78 m/s, then +10 m/s to 450 m above ground) → {@code climb} (+12.5 m/s falling
 * to +5 m/s near the top, to 9,500–11,900 m) → {@code cruise} (225–250 m/s, level) → {@code
 * descent} (−5…−12 m/s, planned to reach 600 m above the destination 15 km out) → {@code landing}
 * (−2…−8 m/s glide at 72 m/s, touchdown, roll-out at −2.2 m/s²) → {@code taxi} → {@code at_gate}.
 *
 * <p>Heading is the true track of the route, the vertical rate is the one that changes the
 * altitude, and {@code on_ground} is 1 at the gate, while taxiing, in the take-off roll and after
 * touchdown. Barometric altitude carries a slow pressure drift (σ 3 m) and 0.4 m of noise.
 */
final class FlightModel extends DeviceModel {

    static final int ALTITUDE = Metrics.indexOf(Family.FLIGHT, Metrics.BARO_ALTITUDE_M);
    static final int VELOCITY = Metrics.indexOf(Family.FLIGHT, Metrics.VELOCITY_MS);
    static final int HEADING = Metrics.indexOf(Family.FLIGHT, Metrics.HEADING_DEG);
    static final int VERTICAL_RATE = Metrics.indexOf(Family.FLIGHT, Metrics.VERTICAL_RATE_MS);
    static final int ON_GROUND = Metrics.indexOf(Family.FLIGHT, Metrics.ON_GROUND);

    private static final int[] DECIMALS = {2, 2, 2, 2, 0};
    private static final int POSITION_DECIMALS = 5;

    private static final String[] AIRLINES = {
        "DLH", "BAW", "AFR", "KLM", "IBE", "SWR", "SAS", "UAE", "AAL", "DAL", "UAL", "ACA", "JAL",
        "CCA", "CPA", "SIA", "QFA", "TAM", "SAA", "THY"
    };

    private static final double ROTATION_SPEED = 78;
    private static final double TAKEOFF_ACCELERATION = 2.0;
    private static final double INITIAL_CLIMB_RATE = 10;
    private static final double INITIAL_CLIMB_TOP_AGL = 450;
    private static final double MAX_CLIMB_RATE = 12.5;
    private static final double MAX_DESCENT_RATE = 12;
    private static final double APPROACH_GATE_AGL = 600;
    private static final double APPROACH_GATE_DISTANCE = 15_000;
    private static final double APPROACH_SPEED = 72;
    private static final double ROLLOUT_DECELERATION = 2.2;
    private static final double TAXI_SPEED = 7;
    private static final double TAXI_BRAKING = 1;

    /** Below this distance to the destination the track is held, so it never flips around. */
    private static final double HOLD_TRACK_WITHIN = 3_000;

    /** The phases in cycle order. */
    enum Phase {
        AT_GATE("at_gate"),
        TAXI_OUT("taxi"),
        TAKEOFF("takeoff"),
        CLIMB("climb"),
        CRUISE("cruise"),
        DESCENT("descent"),
        LANDING("landing"),
        TAXI_IN("taxi");

        final String id;

        Phase(String id) {
            this.id = id;
        }
    }

    /** Tick-dependent coefficients shared by all aircraft. */
    static final class Params {
        final double dt;
        final Dynamics.Ou baroDrift;
        final Dynamics.Ou speedJitter;
        final Dynamics.Ou rateJitter;
        final Dynamics.Ou taxiTurn;
        final Dynamics.Lag verticalRate;
        final Dynamics.Lag speed;
        final int rampReadings;

        Params(double dt) {
            this.dt = dt;
            this.baroDrift = Dynamics.Ou.of(dt, 600, 3);
            this.speedJitter = Dynamics.Ou.of(dt, 30, 1.5);
            this.rateJitter = Dynamics.Ou.of(dt, 10, 0.3);
            this.taxiTurn = Dynamics.Ou.of(dt, 8, 4);
            this.verticalRate = Dynamics.Lag.of(dt, 4);
            this.speed = Dynamics.Lag.of(dt, 20);
            this.rampReadings = (int) Math.max(1, Math.round(1 / dt));
        }
    }

    private final Params params;
    private final String callsign;
    private final double[] moved = new double[2];
    private Phase phase;
    private double elapsed;
    private double duration;
    private Airport origin;
    private Airport destination;
    private double remaining;
    private double cruiseAltitude;
    private double cruiseSpeed;
    private double descentRate;
    private double lat;
    private double lon;
    private double altitude;
    private double verticalRate;
    private double speed;
    private double heading;
    private boolean onGround;
    private double baroDrift;
    private double speedJitter;
    private double rateJitter;
    private double turnRate;
    private double jumpBearing;

    FlightModel(Params params, int index, long seed) {
        super(deviceId(index), Family.FLIGHT, seed);
        this.params = params;
        this.callsign =
                AIRLINES[index % AIRLINES.length] + (100 + (index / AIRLINES.length) % 9900);
        startAtRandomPointOfCycle();
    }

    /** A unique ICAO 24-bit address per index: an odd multiplier permutes 24-bit values. */
    static String deviceId(int index) {
        int address = ((index + 1) * 0x5BD1E9) & 0xFFFFFF;
        String hex = Integer.toHexString(address);
        return "000000".substring(hex.length()) + hex;
    }

    static Reading newReading() {
        return new Reading(Family.FLIGHT, DECIMALS, POSITION_DECIMALS);
    }

    @Override
    public String phase() {
        return phase.id;
    }

    @Override
    public boolean canStart(AnomalyType type) {
        double aboveGround = altitude - Math.max(origin.elevation(), destination.elevation());
        return switch (type) {
            case RAPID_DESCENT ->
                    (phase == Phase.CLIMB || phase == Phase.CRUISE)
                            && aboveGround >= 7_000
                            && remaining - topOfDescent() >= 60_000;
            case IMPOSSIBLE_JUMP ->
                    (phase == Phase.CLIMB || phase == Phase.CRUISE || phase == Phase.DESCENT)
                            && aboveGround >= 1_500
                            && remaining >= 100_000;
            case SENSOR_DROPOUT -> phase != Phase.AT_GATE;
            case FROZEN_SENSOR -> true;
            default -> false;
        };
    }

    @Override
    public void step(ActiveAnomaly anomaly, long eventTime, Reading out) {
        double dt = params.dt;
        if (anomaly == null) {
            advancePhase();
        }
        baroDrift = params.baroDrift.next(baroDrift, 0, rng);
        speedJitter = params.speedJitter.next(speedJitter, 0, rng);
        rateJitter = params.rateJitter.next(rateJitter, 0, rng);
        switch (phase) {
            case AT_GATE -> {
                speed = 0;
                verticalRate = 0;
            }
            case TAXI_OUT, TAXI_IN -> taxi();
            case TAKEOFF -> takeoff();
            case CLIMB -> climb();
            case CRUISE -> cruise();
            case DESCENT -> descend();
            case LANDING -> land();
        }

        AnomalyType type = anomaly == null ? null : anomaly.type();
        double reportedRate = verticalRate;
        if (type == AnomalyType.RAPID_DESCENT) {
            reportedRate = -anomaly.magnitude() * rampEnvelope(anomaly);
        }
        if (!onGround) {
            altitude += reportedRate * dt;
        }
        if (speed > 0) {
            boolean airborneRoute =
                    phase != Phase.TAXI_OUT && phase != Phase.TAXI_IN && !rollingOut();
            if (airborneRoute && remaining > HOLD_TRACK_WITHIN) {
                heading = Geo.bearing(lat, lon, destination.lat(), destination.lon());
            }
            Geo.destination(lat, lon, heading, speed * dt, moved);
            lat = moved[0];
            lon = moved[1];
            remaining -= speed * dt;
        }

        double reportedSpeed = speed;
        double reportedLat = lat;
        double reportedLon = lon;
        if (type == AnomalyType.IMPOSSIBLE_JUMP && anomaly.inMainPart()) {
            if (anomaly.reading() == 0) {
                jumpBearing = uniform(rng, 0, 360);
            }
            if (TelemetryJson.POSITION.equals(anomaly.metric())) {
                Geo.destination(lat, lon, jumpBearing, anomaly.magnitude(), moved);
                reportedLat = moved[0];
                reportedLon = moved[1];
            } else {
                reportedSpeed += anomaly.magnitude();
            }
        }
        out.set(ALTITUDE, altitude + baroDrift + 0.4 * rng.nextGaussian());
        out.set(VELOCITY, onGround && speed == 0 ? 0 : reportedSpeed + 0.1 * rng.nextGaussian());
        out.set(HEADING, Geo.normalizeDegrees(heading));
        out.set(VERTICAL_RATE, onGround ? 0 : reportedRate + 0.1 * rng.nextGaussian());
        out.set(ON_GROUND, onGround ? 1 : 0);
        out.position(reportedLat, reportedLon);
        out.callsign(callsign);
        out.phase(phase.id);
    }

    /** 0→1 over the first second, 1→0 over the last second of a rapid descent, never 0 inside. */
    private double rampEnvelope(ActiveAnomaly anomaly) {
        double ramp = params.rampReadings + 1.0;
        double in = (anomaly.reading() + 1) / ramp;
        double out = (anomaly.readings() - anomaly.reading()) / ramp;
        return Math.min(1, Math.min(in, out));
    }

    private boolean rollingOut() {
        return phase == Phase.LANDING && onGround;
    }

    private void advancePhase() {
        elapsed += params.dt;
        double aboveDestination = altitude - destination.elevation();
        switch (phase) {
            case AT_GATE -> {
                if (elapsed >= duration) {
                    planNextFlight();
                    enter(Phase.TAXI_OUT, uniform(rng, 180, 480));
                }
            }
            case TAXI_OUT -> {
                if (elapsed >= duration) {
                    enter(Phase.TAKEOFF, 0);
                    heading = Geo.bearing(lat, lon, destination.lat(), destination.lon());
                    remaining = Geo.distance(lat, lon, destination.lat(), destination.lon());
                }
            }
            case TAKEOFF -> {
                if (altitude - origin.elevation() >= INITIAL_CLIMB_TOP_AGL) {
                    enter(Phase.CLIMB, 0);
                }
            }
            case CLIMB -> {
                if (cruiseAltitude - altitude < 20) {
                    enter(Phase.CRUISE, 0);
                }
            }
            case CRUISE -> {
                if (remaining <= topOfDescent()) {
                    enter(Phase.DESCENT, 0);
                } else if (cruiseAltitude - altitude > 300) {
                    enter(Phase.CLIMB, 0); // regain altitude after an emergency descent
                }
            }
            case DESCENT -> {
                if (aboveDestination <= APPROACH_GATE_AGL || remaining <= APPROACH_GATE_DISTANCE) {
                    enter(Phase.LANDING, 0);
                }
            }
            case LANDING -> {
                if (onGround && speed <= 12) {
                    enter(Phase.TAXI_IN, uniform(rng, 120, 360));
                }
            }
            case TAXI_IN -> {
                if (elapsed >= duration && speed == 0) {
                    origin = destination;
                    enter(Phase.AT_GATE, uniform(rng, 1_200, 2_700));
                }
            }
        }
    }

    private void enter(Phase next, double phaseDuration) {
        phase = next;
        elapsed = 0;
        duration = phaseDuration;
    }

    private void taxi() {
        onGround = true;
        verticalRate = 0;
        altitude = (phase == Phase.TAXI_IN ? destination : origin).elevation();
        if (phase == Phase.TAXI_IN && elapsed >= duration) {
            speed = Math.max(0, speed - TAXI_BRAKING * params.dt); // roll to a stop at the gate
        } else {
            speed = clamp(params.speed.next(speed, TAXI_SPEED + speedJitter), 0, 12);
        }
        turnRate = params.taxiTurn.next(turnRate, 0, rng);
        double turn = turnRate * params.dt * Math.min(1, speed / 3);
        if (phase == Phase.TAXI_OUT && duration - elapsed < 60) {
            // Line up with the departure track before the take-off roll.
            double runway = Geo.bearing(lat, lon, destination.lat(), destination.lon());
            double limit = 5 * params.dt;
            turn = clamp(Geo.turn(heading, runway), -limit, limit);
        }
        heading = Geo.normalizeDegrees(heading + turn);
    }

    private void takeoff() {
        if (onGround) {
            speed += TAKEOFF_ACCELERATION * params.dt;
            if (speed >= ROTATION_SPEED) {
                onGround = false;
            }
            altitude = origin.elevation();
            verticalRate = 0;
        } else {
            speed = params.speed.next(speed, 90);
            verticalRate = params.verticalRate.next(verticalRate, INITIAL_CLIMB_RATE);
        }
    }

    private void climb() {
        double fraction = clamp(altitude / cruiseAltitude, 0, 1);
        double rate =
                Math.min(MAX_CLIMB_RATE - 7.5 * fraction, (cruiseAltitude - altitude) / 20)
                        + rateJitter;
        verticalRate = params.verticalRate.next(verticalRate, clamp(rate, 0.5, MAX_CLIMB_RATE));
        double targetSpeed = 90 + (cruiseSpeed - 90) * Math.min(1, 1.3 * fraction);
        speed = params.speed.next(speed, targetSpeed + 0.3 * speedJitter);
    }

    private void cruise() {
        double hold = clamp((cruiseAltitude - altitude) / 30, -3, 3) + 0.5 * rateJitter;
        verticalRate = params.verticalRate.next(verticalRate, hold);
        speed = params.speed.next(speed, cruiseSpeed + speedJitter);
    }

    private void descend() {
        double aboveDestination = altitude - destination.elevation();
        double toGate = Math.max(remaining - APPROACH_GATE_DISTANCE, 1_000);
        double required = (aboveDestination - APPROACH_GATE_AGL) * speed / toGate;
        double rate = clamp(-required + rateJitter, -MAX_DESCENT_RATE, 0);
        verticalRate = params.verticalRate.next(verticalRate, rate);
        double span = cruiseAltitude - destination.elevation() - APPROACH_GATE_AGL;
        double fraction = clamp((aboveDestination - APPROACH_GATE_AGL) / span, 0, 1);
        speed = params.speed.next(speed, 140 + (cruiseSpeed - 140) * fraction);
    }

    private void land() {
        if (onGround) {
            speed = Math.max(0, speed - ROLLOUT_DECELERATION * params.dt);
            verticalRate = 0;
            altitude = destination.elevation();
            return;
        }
        double aboveDestination = altitude - destination.elevation();
        double toGo = Math.max(remaining - 1_500, 500);
        double rate = -clamp(aboveDestination * speed / toGo, 2, 8);
        verticalRate = params.verticalRate.next(verticalRate, rate);
        speed = params.speed.next(speed, APPROACH_SPEED);
        if (aboveDestination + verticalRate * params.dt <= 0.5 || remaining < 500) {
            onGround = true; // touchdown
            verticalRate = 0;
            altitude = destination.elevation();
        }
    }

    /** Distance before the destination at which the descent starts. */
    private double topOfDescent() {
        double drop = cruiseAltitude - destination.elevation() - APPROACH_GATE_AGL;
        double averageSpeed = (cruiseSpeed + 140) / 2;
        return drop / descentRate * averageSpeed + APPROACH_GATE_DISTANCE + 10_000;
    }

    private void planNextFlight() {
        int originIndex = Airports.ALL.indexOf(origin);
        int[] choices = Airports.destinationsFrom(originIndex);
        destination = Airports.ALL.get(choices[rng.nextInt(choices.length)]);
        cruiseAltitude = 9_500 + 300 * rng.nextInt(9);
        cruiseSpeed = uniform(rng, 225, 250);
        descentRate = uniform(rng, 7, 10);
    }

    /**
     * Places the aircraft at a random point of a flight, weighted roughly by how long each phase
     * lasts, with a consistent position, altitude, speed and vertical rate.
     */
    private void startAtRandomPointOfCycle() {
        origin = Airports.ALL.get(rng.nextInt(Airports.ALL.size()));
        planNextFlight();
        double route =
                Geo.distance(origin.lat(), origin.lon(), destination.lat(), destination.lon());
        double track =
                Geo.bearing(origin.lat(), origin.lon(), destination.lat(), destination.lon());
        double u = rng.nextDouble();
        onGround = false;
        heading = track;
        if (u < 0.25) {
            enter(Phase.AT_GATE, uniform(rng, 1_200, 2_700));
            elapsed = rng.nextDouble() * duration;
            atAirport(origin);
            heading = uniform(rng, 0, 360);
        } else if (u < 0.30) {
            enter(Phase.TAXI_OUT, uniform(rng, 180, 480));
            elapsed = rng.nextDouble() * (duration - 60);
            atAirport(origin);
            heading = uniform(rng, 0, 360);
            speed = TAXI_SPEED;
        } else if (u < 0.31) {
            enter(Phase.TAKEOFF, 0);
            atAirport(origin);
            lat = origin.lat();
            lon = origin.lon();
            speed = uniform(rng, 10, 70);
        } else if (u < 0.43) {
            enter(Phase.CLIMB, 0);
            double aboveGround = uniform(rng, 600, cruiseAltitude - origin.elevation() - 600);
            alongRoute(track, aboveGround / 9 * 160 + 5_000);
            altitude = origin.elevation() + aboveGround;
            double fraction = altitude / cruiseAltitude;
            verticalRate = MAX_CLIMB_RATE - 7.5 * fraction;
            speed = 90 + (cruiseSpeed - 90) * Math.min(1, 1.3 * fraction);
        } else if (u < 0.83) {
            enter(Phase.CRUISE, 0);
            double start = (cruiseAltitude - origin.elevation()) / 9 * 170;
            double end = Math.max(start, route - topOfDescent());
            alongRoute(track, uniform(rng, start, end));
            altitude = cruiseAltitude;
            speed = cruiseSpeed;
        } else if (u < 0.95) {
            enter(Phase.DESCENT, 0);
            double aboveGround = uniform(rng, 800, cruiseAltitude - destination.elevation() - 300);
            double toGo =
                    (aboveGround - APPROACH_GATE_AGL) / descentRate * (cruiseSpeed + 140) / 2
                            + APPROACH_GATE_DISTANCE;
            alongRoute(track, Math.max(0, route - toGo));
            altitude = destination.elevation() + aboveGround;
            verticalRate = -descentRate;
            speed = 140 + (cruiseSpeed - 140) * aboveGround / cruiseAltitude;
        } else if (u < 0.97) {
            enter(Phase.LANDING, 0);
            double aboveGround = uniform(rng, 100, 550);
            alongRoute(track, Math.max(0, route - (aboveGround / 3.5 * APPROACH_SPEED + 1_500)));
            altitude = destination.elevation() + aboveGround;
            verticalRate = -3.5;
            speed = APPROACH_SPEED;
        } else {
            enter(Phase.TAXI_IN, uniform(rng, 120, 360));
            elapsed = rng.nextDouble() * duration;
            atAirport(destination);
            heading = uniform(rng, 0, 360);
            speed = TAXI_SPEED;
        }
        if (!onGround) {
            heading = Geo.bearing(lat, lon, destination.lat(), destination.lon());
        }
        remaining = Geo.distance(lat, lon, destination.lat(), destination.lon());
    }

    private void atAirport(Airport airport) {
        onGround = true;
        lat = airport.lat() + uniform(rng, -0.01, 0.01);
        lon = airport.lon() + uniform(rng, -0.01, 0.01);
        altitude = airport.elevation();
        verticalRate = 0;
        speed = 0;
    }

    private void alongRoute(double track, double distance) {
        Geo.destination(origin.lat(), origin.lon(), track, distance, moved);
        lat = moved[0];
        lon = moved[1];
    }
}
