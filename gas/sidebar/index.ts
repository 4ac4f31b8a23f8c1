/**
 * The sidebar page (webpack inlines it into dist/gas/Sidebar.html): the shared wizard over the
 * Sheets bridge.
 */
import { mountWizard } from '../../wizard/wizard';
import { GasBridge } from './gas-bridge';

mountWizard(document.getElementById('app')!, new GasBridge());
