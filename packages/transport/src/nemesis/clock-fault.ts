// Clock faults are defined with the clocks, in core; the nemesis schedules them.
export { describeClockFault, validateClockFault, type ClockFault } from '@faultline/core';
