import { render } from 'preact';
import { CameraPermission } from '@/lib/pose/view/CameraPermission';

render(<CameraPermission />, document.getElementById('app')!);
